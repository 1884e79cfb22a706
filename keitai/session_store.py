"""Where web sessions are kept: database rows, or Redis when the app has one.

Both stores write in step with the request's unit of work: the database store adds its
statements to the unit, the Redis store writes once the unit commits (keitai.uow.after_commit),
so a refused or failed request changes a session in neither. Only `delete_at_once` (a token
seen leaving the site) writes at once, whatever the unit does.

In Redis a session is one key per token hash, holding JSON, that expires after the idle
timeout; each member has a set of the hashes of their sessions, so that "end every session of
this member" (a password change, a reset, withdrawal) finds them on any app server.
"""
from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from redis.client import Pipeline
from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from keitai import kv
from keitai.batches import delete_batch
from keitai.db import db
from keitai.models.base import utcnow
from keitai.models.web_session import WebSession
from keitai.uow import after_commit, own_transaction


@dataclass(slots=True)
class SessionRecord:
    """One stored session, whichever store keeps it."""

    #: SHA-256 of the token; the token itself is never stored
    token_hash: str
    #: carrier and model that made it, then "|" and the terminal mark once one was seen
    binding: str
    #: the secret every POST form of this session carries
    csrf_token: str
    member_id: int | None = None
    data: dict[str, Any] = field(default_factory=dict)
    created_at: datetime = field(default_factory=utcnow)
    last_seen_at: datetime = field(default_factory=utcnow)

    def copy(self) -> SessionRecord:
        """Return a copy whose data can change without changing this one's."""
        return replace(self, data=dict(self.data))


#: the fields a save may name
FIELDS = frozenset(item.name for item in fields(SessionRecord))


class SessionStore(ABC):
    """Load and write sessions; writes go with the current unit of work."""

    @abstractmethod
    def load(self, token_hash: str) -> SessionRecord | None:
        """Return the session stored under token_hash, or None."""

    @abstractmethod
    def save(self, record: SessionRecord, changed: Collection[str] | None) -> None:
        """Store a new session (changed None) or the changed fields of a stored one.

        A session ended meanwhile (by another request) is not brought back by an update.
        """

    @abstractmethod
    def delete(self, records: Sequence[SessionRecord]) -> None:
        """Delete these sessions with the unit of work."""

    @abstractmethod
    def delete_at_once(self, token_hashes: Sequence[str]) -> None:
        """Delete the sessions of these hashes now, whatever the unit of work does next."""

    @abstractmethod
    def end_member(self, member_id: int, keep: str | None = None) -> None:
        """End every session of the member with the unit of work, but the one hashed keep."""


class DatabaseSessions(SessionStore):
    """Sessions as rows of web_sessions, written in the unit of work."""

    def load(self, token_hash: str) -> SessionRecord | None:
        """Return the session row of token_hash as a record, or None."""
        row = db.session.get(WebSession, token_hash)
        if row is None:
            return None
        return SessionRecord(row.token_hash, row.binding, row.csrf_token, row.member_id,
                             dict(row.data), row.created_at, row.last_seen_at)

    def save(self, record: SessionRecord, changed: Collection[str] | None) -> None:
        """INSERT a new session, or UPDATE the changed columns (no row: nothing happens)."""
        if changed is None:
            db.session.add(WebSession(**asdict(record)))
            return
        values = {name: getattr(record, name) for name in changed if name != "token_hash"}
        if values:
            db.session.execute(update(WebSession)
                               .where(WebSession.token_hash == record.token_hash)
                               .values(values).execution_options(synchronize_session=False))

    def delete(self, records: Sequence[SessionRecord]) -> None:
        """DELETE the rows in the unit of work."""
        if records:
            db.session.execute(delete(WebSession).where(
                WebSession.token_hash.in_([record.token_hash for record in records]))
                .execution_options(synchronize_session=False))

    def delete_at_once(self, token_hashes: Sequence[str]) -> None:
        """DELETE the rows in a transaction of their own, committed at once."""
        if token_hashes:
            with own_transaction() as independent:
                independent.execute(delete(WebSession).where(
                    WebSession.token_hash.in_(list(token_hashes))))

    def end_member(self, member_id: int, keep: str | None = None) -> None:
        """DELETE the member's rows in the unit of work, but keep's."""
        statement = delete(WebSession).where(WebSession.member_id == member_id)
        if keep is not None:
            statement = statement.where(WebSession.token_hash != keep)
        db.session.execute(statement.execution_options(synchronize_session=False))


#: put a new member session in the member's set, dropping hashes whose session is gone
_ADD_TO_MEMBER = """
for _, hash in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('EXISTS', ARGV[1] .. hash) == 0 then redis.call('SREM', KEYS[1], hash) end
end
redis.call('SADD', KEYS[1], ARGV[2])
if redis.call('TTL', KEYS[1]) < tonumber(ARGV[3]) then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
return 1
"""
#: end every session in the member's set but one ("" keeps none)
_END_MEMBER = """
for _, hash in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if hash ~= ARGV[2] then
    redis.call('DEL', ARGV[1] .. hash)
    redis.call('SREM', KEYS[1], hash)
  end
end
return 1
"""


def _encode(record: SessionRecord) -> str:
    """Return a record as the JSON kept in Redis (times as ISO 8601, UTC)."""
    document = asdict(record)
    document["created_at"] = record.created_at.isoformat()
    document["last_seen_at"] = record.last_seen_at.isoformat()
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def _decode(raw: bytes | str) -> SessionRecord:
    """Return the record of the JSON kept in Redis."""
    document = json.loads(raw)
    document["created_at"] = datetime.fromisoformat(document["created_at"])
    document["last_seen_at"] = datetime.fromisoformat(document["last_seen_at"])
    return SessionRecord(**{name: document[name] for name in FIELDS})


class RedisSessions(SessionStore):
    """Sessions as JSON in Redis, expiring when idle, written once the unit commits."""

    def __init__(self, keyvalue: kv.KeyValue, idle_seconds: int) -> None:
        self.kv = keyvalue
        self.idle_seconds = idle_seconds

    def _key(self, token_hash: str) -> str:
        return self.kv.key("session", token_hash)

    def _member_key(self, member_id: int) -> str:
        return self.kv.key("member-sessions", str(member_id))

    def _ttl(self, record: SessionRecord) -> int:
        """Return how long the key must live: until it has been idle the idle timeout."""
        left = timedelta(seconds=self.idle_seconds) - (utcnow() - record.last_seen_at)
        return max(1, int(left.total_seconds()))

    def load(self, token_hash: str) -> SessionRecord | None:
        """Return the session kept under token_hash, or None."""
        raw = self.kv.client.get(self._key(token_hash))
        return _decode(raw) if raw is not None else None

    def save(self, record: SessionRecord, changed: Collection[str] | None) -> None:
        """Write the session once the unit commits: a new key, or changed fields merged in."""
        kept = record.copy()
        names = None if changed is None else frozenset(changed) & FIELDS
        after_commit(lambda: self._write(kept, names))

    def _write(self, record: SessionRecord, changed: frozenset[str] | None) -> None:
        key = self._key(record.token_hash)
        if changed is None:
            self.kv.client.set(key, _encode(record), ex=self._ttl(record))
        else:
            def merge(pipe: Pipeline) -> None:  # under WATCH: a concurrent write is retried
                raw = pipe.get(key)
                if raw is None:
                    return  # ended meanwhile: an update does not bring it back
                stored = _decode(raw)
                for name in changed:
                    setattr(stored, name, getattr(record, name))
                pipe.multi()
                pipe.set(key, _encode(stored), ex=self._ttl(stored))

            self.kv.client.transaction(merge, key)
            if "member_id" not in changed:
                return
        if record.member_id is not None:
            self.kv.client.eval(_ADD_TO_MEMBER, 1, self._member_key(record.member_id),
                                self._key(""), record.token_hash,
                                current_app.config["SESSION_MAX_SECONDS"])

    def delete(self, records: Sequence[SessionRecord]) -> None:
        """Delete the keys (and their places in the members' sets) once the unit commits."""
        if not records:
            return
        gone = [(record.token_hash, record.member_id) for record in records]

        def remove() -> None:
            pipe = self.kv.client.pipeline(transaction=False)
            for token_hash, member_id in gone:
                pipe.delete(self._key(token_hash))
                if member_id is not None:
                    pipe.srem(self._member_key(member_id), token_hash)
            pipe.execute()

        after_commit(remove)

    def delete_at_once(self, token_hashes: Sequence[str]) -> None:
        """Delete the keys now (a member's set forgets them when it next gains one)."""
        if token_hashes:
            self.kv.client.delete(*[self._key(token_hash) for token_hash in token_hashes])

    def end_member(self, member_id: int, keep: str | None = None) -> None:
        """Delete the member's keys but keep's, in one step, once the unit commits."""
        after_commit(lambda: self.kv.client.eval(
            _END_MEMBER, 1, self._member_key(member_id), self._key(""), keep or ""))


def session_store() -> SessionStore:
    """Return the current app's session store: Redis when it has one, else the database."""
    keyvalue = kv.keyvalue()
    if keyvalue is None:
        return DatabaseSessions()
    return RedisSessions(keyvalue, current_app.config["SESSION_IDLE_SECONDS"])


def purge_expired_rows(session: Session, idle_seconds: int, now: datetime | None = None,
                       batch: int = 5000) -> int:
    """Delete up to batch session rows idle for longer than idle_seconds; return how many.

    Run by the worker's maintenance (and `keitai db purge-sessions`), never by a request. On
    PostgreSQL rows another worker is deleting are skipped, so workers never wait on each
    other; the caller commits and calls again until one deletes nothing.
    """
    cutoff = (now or utcnow()) - timedelta(seconds=idle_seconds)
    return delete_batch(session, WebSession, WebSession.token_hash,
                        WebSession.last_seen_at < cutoff, batch)
