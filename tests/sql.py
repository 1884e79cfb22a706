"""Watching the SQL the app runs: how many statements a page costs, and which."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from sqlalchemy import event

from keitai.db import db


@contextmanager
def counting_sql(app: Flask) -> Iterator[list[str]]:
    """Collect the SQL statements the app runs inside the block."""
    with app.app_context():
        engine = db.engine
    assert engine is not None
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)
