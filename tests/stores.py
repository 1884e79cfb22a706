"""What the app keeps in its store of sessions and counters, read the same on either store:
database rows, or the keys of the app's own prefix in Redis."""
from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta

from flask import Flask
from sqlalchemy import select

from keitai import kv
from keitai.db import db
from keitai.models import RateCounter, WebSession
from keitai.models.base import utcnow
from keitai.session_store import SessionRecord, _decode, _encode


def _session_keys(keyvalue: kv.KeyValue) -> list[bytes]:
    return sorted(keyvalue.client.scan_iter(match=keyvalue.key("session", "*")))


def stored_sessions(app: Flask) -> list[SessionRecord]:
    """Return every stored session, oldest first."""
    keyvalue = kv.keyvalue(app)
    if keyvalue is not None:
        found = [keyvalue.client.get(key) for key in _session_keys(keyvalue)]
        records = [_decode(raw) for raw in found if raw is not None]
    else:
        with app.app_context():
            records = [SessionRecord(**{name: getattr(row, name) for name in (
                "token_hash", "binding", "csrf_token", "member_id", "data", "created_at",
                "last_seen_at")}) for row in db.session.scalars(select(WebSession))]
    return sorted(records, key=lambda record: (record.created_at, record.token_hash))


def member_sessions(app: Flask, member_id: int) -> list[SessionRecord]:
    """Return the stored sessions logged in as the member."""
    return [record for record in stored_sessions(app) if record.member_id == member_id]


def rewrite_sessions(app: Flask, **values: object) -> None:
    """Change fields of every stored session (make them look idle, old, ...)."""
    keyvalue = kv.keyvalue(app)
    if keyvalue is not None:
        for key in _session_keys(keyvalue):
            raw = keyvalue.client.get(key)
            if raw is not None:
                record = _decode(raw)
                changed = SessionRecord(**{**asdict(record), **values})  # type: ignore[arg-type]
                keyvalue.client.set(key, _encode(changed), keepttl=True)
        return
    with app.app_context():
        for row in db.session.scalars(select(WebSession)):
            for name, value in values.items():
                setattr(row, name, value)
        db.session.commit()


def idle_for(app: Flask, seconds: float) -> None:
    """Make every stored session look last seen `seconds` ago."""
    rewrite_sessions(app, last_seen_at=utcnow() - timedelta(seconds=seconds))


def rate_counts(app: Flask) -> dict[str, int]:
    """Return every rate-limit counter by key (limit name, subject hash, window)."""
    keyvalue = kv.keyvalue(app)
    if keyvalue is not None:
        prefix = keyvalue.key("rate", "")
        keys = sorted(keyvalue.client.scan_iter(match=prefix + "*"))
        values = keyvalue.client.mget(keys) if keys else []
        return {key.decode()[len(prefix):]: int(value)
                for key, value in zip(keys, values, strict=True) if value is not None}
    with app.app_context():
        rows = db.session.execute(select(RateCounter.key, RateCounter.count)).all()
        return {str(key): int(count) for key, count in rows}


def clear_rate_counts(app: Flask) -> None:
    """Forget every rate-limit count."""
    keyvalue = kv.keyvalue(app)
    if keyvalue is not None:
        for key in keyvalue.client.scan_iter(match=keyvalue.key("rate", "*")):
            keyvalue.client.delete(key)
        return
    with app.app_context():
        db.session.query(RateCounter).delete()
        db.session.commit()
