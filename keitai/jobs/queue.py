"""Claim, finish and retry jobs: the SQL of the queue, each step its own short transaction.

On PostgreSQL a worker locks the row it is about to claim with FOR UPDATE SKIP LOCKED, so
several workers take different jobs without waiting for each other. On SQLite (one writer at a
time) the claim is a conditional UPDATE that only one worker can win. Either way the claim sets
a lease: a job whose worker died is due again once its lease has run out.
"""
from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, or_, select, update
from sqlalchemy.orm import Session

from keitai.models.base import utcnow
from keitai.models.job import Job

#: the longest wait between two attempts of a job
MAX_BACKOFF_SECONDS = 3600
#: how often a SQLite worker looks for another candidate when a competitor won the one it saw
_CLAIM_TRIES = 5


@dataclass(frozen=True, slots=True)
class Claimed:
    """A job a worker holds under a lease."""

    id: int
    kind: str
    payload: dict[str, Any]
    #: counting this one
    attempts: int
    #: the claim's token: finishing or retrying the job needs it
    lease: str


def _due(now: datetime) -> ColumnElement[bool]:
    """Select jobs waiting for now, and running ones whose worker's lease has run out."""
    return or_(and_(Job.state == "pending", Job.run_after <= now),
               and_(Job.state == "running", Job.locked_until <= now))


def claim(session: Session, lease_seconds: float, now: datetime | None = None) -> Claimed | None:
    """Take the next due job under a lease and commit; return None when no job is due."""
    now = now or utcnow()
    postgresql = session.get_bind().dialect.name == "postgresql"
    for _try in range(_CLAIM_TRIES):
        candidate = select(Job.id).where(_due(now)).order_by(Job.run_after, Job.id).limit(1)
        if postgresql:
            candidate = candidate.with_for_update(skip_locked=True)
        job_id = session.scalar(candidate)
        if job_id is None:
            session.rollback()
            return None
        lease = secrets.token_hex(16)
        row = session.execute(
            update(Job).where(Job.id == job_id, _due(now))
            .values(state="running", attempts=Job.attempts + 1, lease=lease,
                    locked_until=now + timedelta(seconds=lease_seconds))
            .returning(Job.kind, Job.payload, Job.attempts)
            .execution_options(synchronize_session=False)).one_or_none()
        if row is None:  # SQLite: another worker claimed it between our SELECT and UPDATE
            session.rollback()
            continue
        session.commit()
        return Claimed(job_id, row.kind, dict(row.payload), row.attempts, lease)
    return None


def _held(job: Claimed) -> ColumnElement[bool]:
    return and_(Job.id == job.id, Job.state == "running", Job.lease == job.lease)


def finish(session: Session, job: Claimed, now: datetime | None = None) -> bool:
    """Mark the job done with the handler's writes, and commit; False if the lease was lost.

    The payload goes: a done job is never run again, and a mail's may hold a login link.
    """
    result = session.execute(
        update(Job).where(_held(job))
        .values(state="done", done_at=now or utcnow(), payload={}, lease=None,
                locked_until=None, last_error=None)
        .execution_options(synchronize_session=False))
    if getattr(result, "rowcount", 0) != 1:
        session.rollback()  # another worker took the job over: its writes stand, not ours
        return False
    session.commit()
    return True


def backoff_seconds(attempts: int, base: float, rng: random.Random | None = None) -> float:
    """Return the wait after a job's attempts-th failure: doubling, capped, half of it random.

    The random half spreads the retries of many jobs that failed together (a mail server that
    was down) so they do not all come back in the same second.
    """
    delay = min(base * 2 ** min(attempts - 1, 32), float(MAX_BACKOFF_SECONDS))
    return float(delay * (rng or random).uniform(0.5, 1.0))


def fail(session: Session, job: Claimed, error: str, *, max_attempts: int, backoff_base: float,
         permanent: bool = False, now: datetime | None = None) -> str | None:
    """Record a failed attempt and commit; return the job's new state, None if the lease was lost.

    The job waits for its back-off and is tried again, or is dead after max_attempts or a
    permanent failure.
    """
    now = now or utcnow()
    dead = permanent or job.attempts >= max_attempts
    values: dict[str, Any] = {"state": "dead" if dead else "pending", "last_error": error[:2000],
                              "lease": None, "locked_until": None}
    if not dead:
        values["run_after"] = now + timedelta(
            seconds=backoff_seconds(job.attempts, backoff_base))
    result = session.execute(update(Job).where(_held(job)).values(**values)
                             .execution_options(synchronize_session=False))
    session.commit()
    return str(values["state"]) if getattr(result, "rowcount", 0) == 1 else None


def purge_done(session: Session, keep_seconds: float, now: datetime | None = None) -> int:
    """Delete jobs done longer ago than keep_seconds, and commit; return how many went."""
    cutoff = (now or utcnow()) - timedelta(seconds=keep_seconds)
    result = session.execute(delete(Job).where(Job.state == "done", Job.done_at < cutoff))
    session.commit()
    return int(getattr(result, "rowcount", 0) or 0)
