"""Rate limits counted in the database, so every app server sees the same counts.

A limit counts events per subject (an account, an address) in fixed windows. The subject is
stored only as a keyed hash. Incrementing is one INSERT ... ON CONFLICT DO UPDATE, so two app
servers counting at once never lose a count.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from keitai.db import db
from keitai.models.base import utcnow
from keitai.models.rate_counter import RateCounter
from keitai.security import keyed_hash


@dataclass(frozen=True, slots=True)
class Limit:
    """At most `limit` events per subject in each window of `window_seconds`."""

    name: str
    limit: int
    window_seconds: int

    def key(self, subject: str) -> str:
        """Return the counter key of subject in the current window."""
        window = int(utcnow().timestamp()) // max(self.window_seconds, 1)
        return f"{self.name}:{keyed_hash('rate-limit', subject)}:{window}"

    def minutes(self) -> int:
        """Return the window length in whole minutes, for messages."""
        return max(1, -(-self.window_seconds // 60))


def count(limit: Limit, subject: str) -> int:
    """Return how many events subject has had in the current window."""
    found = db.session.scalar(select(RateCounter.count).where(
        RateCounter.key == limit.key(subject)))
    return found or 0


def exceeded(limit: Limit, subject: str) -> bool:
    """Return True when subject has used up the limit in the current window."""
    return count(limit, subject) >= limit.limit


def hit(limit: Limit, subject: str) -> int:
    """Count one event for subject (in the caller's transaction); return the new count."""
    now = utcnow()
    values = {"key": limit.key(subject), "count": 1,
              "expires_at": now + timedelta(seconds=limit.window_seconds)}
    dialect = db.session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(RateCounter).values(**values).on_conflict_do_update(
        index_elements=[RateCounter.key], set_={"count": RateCounter.count + 1},
    ).returning(RateCounter.count)
    new_count = int(db.session.execute(statement).scalar_one())
    db.session.execute(delete(RateCounter).where(RateCounter.expires_at < now))
    return new_count
