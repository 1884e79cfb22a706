"""What a request left in the database: every row of every table, and COMMITs counted."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from sqlalchemy import event, select

from keitai.db import db
from keitai.models import Base


def snapshot(app: Flask, *leaving_out: str) -> dict[str, list[tuple[Any, ...]]]:
    """Return every row of every table (but those named), sorted, table by table."""
    with app.app_context():
        return {table.name: sorted((tuple(row) for row in db.session.execute(select(table))),
                                   key=repr)
                for table in Base.metadata.sorted_tables if table.name not in leaving_out}


def changed_tables(before: dict[str, list[tuple[Any, ...]]],
                   after: dict[str, list[tuple[Any, ...]]]) -> set[str]:
    """Return the names of the tables whose rows differ between two snapshots."""
    return {name for name in before if before[name] != after[name]}


@contextmanager
def counting_commits(app: Flask) -> Iterator[list[str]]:
    """Collect one entry per COMMIT the app's engine sends inside the block."""
    with app.app_context():
        engine = db.engine
    commits: list[str] = []

    def record(_conn: Any) -> None:
        commits.append("COMMIT")

    event.listen(engine, "commit", record)
    try:
        yield commits
    finally:
        event.remove(engine, "commit", record)
