"""Rate limits counted where every app server sees the same counts: Redis, or the database.

A limit counts events per subject (an account, an address) in fixed windows. The subject is
stored only as a keyed hash. In the database, incrementing is one INSERT ... ON CONFLICT DO
UPDATE, so two app servers counting at once never lose a count; in Redis (KEITAI_REDIS_URL)
it is INCR, with the key's expiry set in the same script, so a key never outlives its window.

Every count is written at once, apart from the request's unit of work (in the database, its
own short transaction: keitai.uow.own_transaction): a refused request rolls its unit back,
and its counts must stand. Expired counter rows are deleted by the worker's maintenance.

Guarding something costly or secret (a password check) is a reservation: the attempt is
counted and committed before the check runs, and the check runs only if the count is within
the limit. Twenty guesses sent at once then count twenty, and at most `limit` of them are
checked; reading the count first and writing it after the check would let them all through.
"""
from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from keitai import kv
from keitai.batches import delete_batch
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


#: count one event per key (KEYS) and set the expiry (ARGV, seconds) of a key without one
_COUNT = """
local counts = {}
for i, key in ipairs(KEYS) do
  counts[i] = redis.call('INCR', key)
  if redis.call('TTL', key) < 0 then redis.call('EXPIRE', key, ARGV[i]) end
end
return counts
"""
#: give back one event per key (KEYS), never below zero
_RELEASE = """
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
return 1
"""


def _redis_key(store: kv.KeyValue, limit: Limit, subject: str) -> str:
    return store.key("rate", limit.key(subject))


def _count_in_redis(store: kv.KeyValue, counted: Sequence[tuple[Limit, str]]) -> list[int]:
    """Count one event per (limit, subject) in one atomic script; return the new counts."""
    keys = [_redis_key(store, limit, subject) for limit, subject in counted]
    windows = [max(limit.window_seconds, 1) for limit, _subject in counted]
    return [int(count) for count in store.client.eval(_COUNT, len(keys), *keys, *windows)]


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
    return int(session.execute(statement).scalar_one())


def hit(limit: Limit, subject: str) -> int:
    """Count one event for subject and commit it at once; return the new count.

    The count stands whatever the caller's unit of work does next.
    """
    store = kv.keyvalue()
    if store is not None:
        return _count_in_redis(store, [(limit, subject)])[0]
    with own_transaction() as session:
        return _count(session, limit, subject)


def reserve(counted: Sequence[tuple[Limit, str]]) -> Limit | None:
    """Count one attempt against every (limit, subject) and commit; return a limit it passed.

    None means the attempt may go ahead. The counts stand whatever happens next.
    """
    store = kv.keyvalue()
    if store is not None:
        counts = _count_in_redis(store, counted) if counted else []
    else:
        with own_transaction() as session:
            counts = [_count(session, limit, subject) for limit, subject in counted]
    return next((limit for (limit, _subject), count in zip(counted, counts, strict=True)
                 if count > limit.limit), None)


def release(counted: Sequence[tuple[Limit, str]]) -> None:
    """Give back one reserved attempt per (limit, subject), committed at once."""
    store = kv.keyvalue()
    if store is not None:
        if counted:
            keys = [_redis_key(store, limit, subject) for limit, subject in counted]
            store.client.eval(_RELEASE, len(keys), *keys)
        return
    with own_transaction() as session:
        for limit, subject in counted:
            session.execute(
                update(RateCounter).where(RateCounter.key == limit.key(subject),
                                          RateCounter.count > 0)
                .values(count=RateCounter.count - 1)
                .execution_options(synchronize_session=False))


def purge_expired_counters(session: Session, now: datetime | None = None,
                           batch: int = 5000) -> int:
    """Delete up to batch counter rows whose window is over; return how many (maintenance).

    On PostgreSQL rows another worker is deleting are skipped; the caller commits and calls
    again until one deletes nothing.
    """
    return delete_batch(session, RateCounter, RateCounter.key,
                        RateCounter.expires_at < (now or utcnow()), batch)
