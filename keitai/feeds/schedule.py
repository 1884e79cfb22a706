"""When the worker fetches a feed (news feeds, members' blogs): claiming the due ones, and
waiting longer after each failure.

A row is claimed by moving its next fetch time a full interval forward in the same UPDATE that
finds it still due, in the transaction that enqueues its job: of two workers looking at once,
only the one whose UPDATE moved the row enqueues it (on PostgreSQL the candidates are locked
with SKIP LOCKED, so the second worker passes them by instead of waiting). The job then sets the
next time from how the fetch went.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

#: the longest wait after failures, however many
MAX_WAIT = timedelta(days=1)


def claim_due(session: Session, key: InstrumentedAttribute[int],
              next_at: InstrumentedAttribute[datetime], *conditions: ColumnElement[bool],
              now: datetime, every_minutes: float, batch: int) -> list[int]:
    """Claim at most `batch` rows of key's table whose next_at has come (and that meet the
    conditions), moving next_at an interval of every_minutes (at least a second) forward;
    return their keys, oldest due first."""
    due = (next_at <= now, *conditions)
    candidates: Any = select(key).where(*due).order_by(next_at, key).limit(batch)
    if session.get_bind().dialect.name == "postgresql":
        candidates = candidates.with_for_update(skip_locked=True)
    ids = list(session.scalars(candidates))
    if not ids:
        return []
    # never `now` itself: the maintenance calls again until a call claims nothing
    later = now + max(timedelta(minutes=every_minutes), timedelta(seconds=1))
    claimed = set(session.scalars(
        update(key.class_).where(key.in_(ids), *due).values({next_at.key: later})
        .returning(key).execution_options(synchronize_session=False)))
    return [int(found) for found in ids if found in claimed]


def wait_after_failures(every_minutes: float, failures: int) -> timedelta:
    """Return how long a feed that failed `failures` times in a row waits for its next try:
    the usual interval doubled for each failure, at most MAX_WAIT."""
    minutes = every_minutes * 2 ** min(max(failures, 0), 20)
    return min(timedelta(minutes=minutes), MAX_WAIT)
