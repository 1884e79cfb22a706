"""One row per form, however often it is sent: a one-time key in the form, unique in the table.

A form page carries a fresh random key in a hidden field. The POST inserts its row with
``INSERT ... ON CONFLICT DO NOTHING`` on a unique (author, key) constraint, so a second send
of the same form (a double tap, a resend after a slow answer, two app servers at once) adds
nothing and is answered with the row the first one made. The key lives in the page, so this
works without cookies, and nothing is read before the write.
"""
from __future__ import annotations

import re
import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from keitai.db import db

#: the hidden field that carries the key
FIELD = "k"
_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,24}")


def new_key() -> str:
    """Return a fresh key for a form page."""
    return secrets.token_urlsafe(12)


def sent_key(value: str | None) -> str:
    """Return the key a POST carried, or a fresh one when it carried none (no dedup then)."""
    return value if value and _SHAPE.fullmatch(value) else new_key()


def insert_once(model: Any, owner_column: str, values: dict[str, Any]) -> int:
    """Insert a row unless (owner, submit_key) exists; return the id of the row either way."""
    dialect = db.session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = (insert(model).values(**values)
                 .on_conflict_do_nothing(index_elements=[owner_column, "submit_key"])
                 .returning(model.id))
    new_id = db.session.scalar(statement)
    if new_id is not None:
        return int(new_id)
    existing = db.session.scalar(select(model.id).where(
        getattr(model, owner_column) == values[owner_column],
        model.submit_key == values["submit_key"]))
    assert existing is not None
    return int(existing)
