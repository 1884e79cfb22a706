"""Hot caches in Redis (badge counts, feed pages), shared by every app server.

`cached(key, ttl, compute)` returns the cached value, or computes and keeps it for ttl
seconds; without Redis it simply computes. A write that changes what a key holds calls
`invalidate_after_commit(key)` in its unit of work: the key is deleted once the unit commits
(never if it rolls back), on every app server at once, since they share the Redis.

A reader that computed from data read before such a commit must not put its stale value back
after the delete: every key has a version, bumped by each invalidation, and a value is kept
only if the version is still the one read before computing.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

import redis

from keitai import kv
from keitai.uow import after_commit

T = TypeVar("T")
#: how long an invalidation's version outlives it: longer than any computation takes
VERSION_SECONDS = 3600
#: SET the value only when the version is unchanged since the reader read it ("" = none)
_SET_IF_VERSION = """
local version = redis.call('GET', KEYS[2]) or ''
if version == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  return 1
end
return 0
"""


def _keys(store: kv.KeyValue, key: str) -> tuple[str, str]:
    """Return the Redis keys of a cache key's value and of its version."""
    return store.key("cache", key), store.key("cache-version", key)


def _to_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def cached(key: str, ttl: int, compute: Callable[[], T], *,
           encode: Callable[[T], bytes] | None = None,
           decode: Callable[[bytes], T] | None = None) -> T:
    """Return the value kept under key, or compute it and keep it for ttl seconds.

    Values are JSON unless encode and decode are given. Without Redis, compute() every time.
    """
    store = kv.keyvalue()
    if store is None:
        return compute()
    value_key, version_key = _keys(store, key)
    raw, version = store.client.mget([value_key, version_key])
    if raw is not None:
        found = _as_bytes(raw)
        return decode(found) if decode is not None else cast(T, json.loads(found))
    value = compute()
    data = encode(value) if encode is not None else _to_json(value)
    _keep(store.client, value_key, version_key, version, data, ttl)
    return value


def cached_many(entries: Sequence[tuple[str, int, Callable[[], Any]]]) -> list[Any]:
    """Return the JSON values kept under several keys, read in one round trip; each one
    missing is computed (in order) and kept for its ttl, as `cached` does, unless it is None
    (what is not there yet may come: it is looked for again next time)."""
    store = kv.keyvalue()
    if store is None:
        return [compute() for _key, _ttl, compute in entries]
    names = [name for key, _ttl, _compute in entries for name in _keys(store, key)]
    found = store.client.mget(names)
    values = []
    for index, (_key, ttl, compute) in enumerate(entries):
        raw, version = found[2 * index], found[2 * index + 1]
        if raw is not None:
            values.append(json.loads(_as_bytes(raw)))
            continue
        value = compute()
        if value is not None:
            _keep(store.client, names[2 * index], names[2 * index + 1], version,
                  _to_json(value), ttl)
        values.append(value)
    return values


def _as_bytes(raw: Any) -> bytes:
    return raw if isinstance(raw, bytes) else str(raw).encode("utf-8")


def _keep(client: redis.Redis, value_key: str, version_key: str, version: Any, data: bytes,
          ttl: int) -> None:
    """Keep a computed value unless an invalidation came since its version was read."""
    client.eval(_SET_IF_VERSION, 2, value_key, version_key, version or b"", data,
                max(1, int(ttl)))


def invalidate_after_commit(*keys: str) -> None:
    """Delete these cache keys once the current unit of work commits (nothing without Redis)."""
    store = kv.keyvalue()
    if store is None or not keys:
        return

    def invalidate() -> None:
        pipe = store.client.pipeline(transaction=True)
        for key in keys:
            value_key, version_key = _keys(store, key)
            pipe.incr(version_key)
            pipe.expire(version_key, VERSION_SECONDS)
            pipe.delete(value_key)
        pipe.execute()

    after_commit(invalidate)
