"""INSERT ... ON CONFLICT for the backend in use: writes that a double submit cannot double."""
from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from keitai.db import db


def dialect_insert(model: Any) -> Any:
    """Return an INSERT for model that knows on_conflict_do_nothing / do_update."""
    dialect = db.session.get_bind().dialect.name
    return (pg_insert if dialect == "postgresql" else sqlite_insert)(model)


def insert_ignore(model: Any, rows: list[dict[str, Any]] | dict[str, Any]) -> int:
    """Insert rows, skipping those whose key exists; return how many were added."""
    if not rows:
        return 0
    # counted from RETURNING: an ORM insert's rowcount is not the rows added on every driver
    key = list(model.__table__.primary_key.columns)
    statement = dialect_insert(model).values(rows).on_conflict_do_nothing().returning(*key)
    return len(db.session.execute(statement).all())
