"""Rate limits counted in the database, so every app server sees the same counts.

A limit counts events per subject (an account, an address) in fixed windows. The subject is
stored only as a keyed hash. Incrementing is one INSERT ... ON CONFLICT DO UPDATE, so two app
servers counting at once never lose a count.

Every count is written in its own short transaction (keitai.uow.own_transaction), committed
at once: a refused request rolls its unit of work back, and its counts must stand.

Guarding something costly or secret (a password check) is a reservation: the attempt is
counted and committed before the check runs, and the check runs only if the count is within
the limit. Twenty guesses sent at once then count twenty, and at most `limit` of them are
checked; reading the count first and writing it after the check would let them all through.
"""
from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from keitai.models.base import utcnow
from keitai.models.rate_counter import RateCounter
from keitai.security import keyed_hash
from keitai.uow import own_transaction


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


#: an IPv6 client holds a whole /64: limits by address count the network, not the address
IPV6_PREFIX = 64


def address_subject(address: str | None) -> str:
    """Return the subject an address-based limit counts: the address, or its IPv6 /64."""
    try:
        parsed = ipaddress.ip_address(address or "")
    except ValueError:
        return f"ip:{address}"
    if isinstance(parsed, ipaddress.IPv6Address):
        mapped = parsed.ipv4_mapped
        if mapped is None:
            return f"ip:{ipaddress.IPv6Network((parsed, IPV6_PREFIX), strict=False)}"
        parsed = mapped
    return f"ip:{parsed}"


def _count(session: Session, limit: Limit, subject: str) -> int:
    """Count one event for subject in session; return the new count."""
    now = utcnow()
    values = {"key": limit.key(subject), "count": 1,
              "expires_at": now + timedelta(seconds=limit.window_seconds)}
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(RateCounter).values(**values).on_conflict_do_update(
        index_elements=[RateCounter.key], set_={"count": RateCounter.count + 1},
    ).returning(RateCounter.count)
    new_count = int(session.execute(statement).scalar_one())
    session.execute(delete(RateCounter).where(RateCounter.expires_at < now))
    return new_count


def hit(limit: Limit, subject: str) -> int:
    """Count one event for subject and commit it at once; return the new count.

    The count stands whatever the caller's unit of work does next.
    """
    with own_transaction() as session:
        return _count(session, limit, subject)


def reserve(counted: Sequence[tuple[Limit, str]]) -> Limit | None:
    """Count one attempt against every (limit, subject) and commit; return a limit it passed.

    None means the attempt may go ahead. The counts stand whatever happens next.
    """
    passed = None
    with own_transaction() as session:
        for limit, subject in counted:
            if _count(session, limit, subject) > limit.limit and passed is None:
                passed = limit
    return passed


def release(counted: Sequence[tuple[Limit, str]]) -> None:
    """Give back one reserved attempt per (limit, subject), committed at once."""
    with own_transaction() as session:
        for limit, subject in counted:
            session.execute(
                update(RateCounter).where(RateCounter.key == limit.key(subject),
                                          RateCounter.count > 0)
                .values(count=RateCounter.count - 1)
                .execution_options(synchronize_session=False))
