"""Deleting what has run out, a batch at a time, by several workers at once."""
from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, delete, select
from sqlalchemy.orm import InstrumentedAttribute, Session


def delete_batch(session: Session, model: Any, key: InstrumentedAttribute[Any],
                 condition: ColumnElement[bool], batch: int) -> int:
    """Delete up to batch rows of model matching condition, chosen by key; return how many.

    On PostgreSQL rows another worker is deleting are skipped (SKIP LOCKED), so workers never
    wait on each other; the caller commits and calls again until one deletes nothing.
    """
    chosen = select(key).where(condition).limit(batch)
    if session.get_bind().dialect.name == "postgresql":
        chosen = chosen.with_for_update(skip_locked=True)
    keys = list(session.scalars(chosen))
    if not keys:
        return 0
    done = session.execute(delete(model).where(key.in_(keys)))
    return int(getattr(done, "rowcount", 0) or 0)  # on SQLite another worker may take some
