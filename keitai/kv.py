"""Redis, shared by every app server: sessions, rate-limit counters and hot caches.

`KEITAI_REDIS_URL` turns it on; without it (the SQLite demo) the database serves alone and
`keyvalue()` is None. Each app holds one client (a connection pool) in `app.extensions`, and
every key it writes starts with `KEITAI_REDIS_PREFIX`, so several sites (or tests) can share
one Redis without meeting.
"""
from __future__ import annotations

from dataclasses import dataclass

import redis
from flask import Flask, current_app

#: where an app keeps its Redis client
EXTENSION = "keitai.redis"
#: how long a Redis command may take before the request fails (Redis answers in microseconds)
SOCKET_TIMEOUT = 5.0


@dataclass(frozen=True, slots=True)
class KeyValue:
    """One app's Redis client and the prefix of every key it writes."""

    client: redis.Redis
    prefix: str

    def key(self, *parts: str) -> str:
        """Return the full key of parts: the prefix, then the parts joined by ':'."""
        return self.prefix + ":".join(parts)

    def delete_all(self) -> int:
        """Delete every key under the prefix (tests; an operator's reset); return how many."""
        deleted = 0
        batch: list[bytes] = []
        for found in self.client.scan_iter(match=self.prefix + "*", count=500):
            batch.append(found)
            if len(batch) >= 500:
                deleted += int(self.client.delete(*batch))
                batch = []
        if batch:
            deleted += int(self.client.delete(*batch))
        return deleted


def connect(url: str, prefix: str) -> KeyValue:
    """Return a client for url (connections are opened when first used)."""
    # RESP2: the replies we read are plain (bytes, integers, lists), and its parser costs a
    # quarter less client CPU a command than RESP3's
    client = redis.Redis.from_url(url, protocol=2, socket_timeout=SOCKET_TIMEOUT,
                                  socket_connect_timeout=SOCKET_TIMEOUT,
                                  health_check_interval=30)
    return KeyValue(client, prefix)


def init_app(app: Flask) -> None:
    """Create the app's Redis client from REDIS_URL, or record that there is none."""
    url = app.config.get("REDIS_URL")
    app.extensions[EXTENSION] = (connect(str(url), str(app.config.get("REDIS_PREFIX") or ""))
                                 if url else None)


def keyvalue(app: Flask | None = None) -> KeyValue | None:
    """Return the Redis of app (default: the current app), or None when it has none."""
    found: KeyValue | None = (app or current_app).extensions.get(EXTENSION)
    return found
