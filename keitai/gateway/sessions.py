"""Server-side sessions carried by a cookie or, for cookie-less handsets, by the URL."""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from flask import current_app, g, request
from sqlalchemy import delete

from carriers import Handset
from keitai.db import db
from keitai.models.base import utcnow
from keitai.models.web_session import WebSession
from keitai.security import keyed_hash
from keitai.uow import own_transaction, unit_refused

#: name of the cookie and of the URL/form parameter that carry the session token
TOKEN_NAME = "ksid"
#: how stale last_seen_at may get before a request writes it again
_TOUCH_EVERY = timedelta(seconds=60)
#: one new session in this many also deletes the expired ones
_PURGE_ONE_IN = 200


def hash_token(token: str) -> str:
    """Return the database key of a session token."""
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def binding_for(handset: Handset) -> str:
    """Return what a session is bound to: the carrier and model that made it."""
    return f"{handset.carrier}:{handset.model or ''}"[:80]


def terminal_mark(handset: Handset) -> str | None:
    """Return a keyed hash of the subscriber id the handset sends, or None when it sends none.

    A session that has seen a handset's id is bound to it as well: a token copied to another
    handset of the same model is refused, because that handset sends another id (or none).
    """
    if not handset.subscriber_id:
        return None
    return keyed_hash("session-terminal", f"{handset.carrier}:{handset.subscriber_id}")[:32]


def _binding_matches(row: WebSession, handset: Handset) -> str | None:
    """Return the binding a session row may serve this handset with (bound to an id seen
    first now), or None when it may not."""
    base, _bar, mark = row.binding.partition("|")
    if base != binding_for(handset):
        return None
    current = terminal_mark(handset)
    if mark:
        return row.binding if mark == current else None
    return f"{base}|{current}" if current is not None else row.binding


@dataclass
class SessionState:
    """The session of the current request, loaded lazily and saved after the view."""

    row: WebSession | None = None
    #: the token to send back (set when a session is created or rotated)
    token: str | None = None
    #: tokens of rows to delete when the response is saved (rotation, logout)
    retired: list[str] = field(default_factory=list)
    #: the token came from the request and was refused (stale, expired, other handset)
    refused: bool = False
    dirty: bool = False
    #: bookkeeping written with the next save (last seen time, a newly seen terminal id), kept
    #: off the row until then: the request's first write is the unit's, at its end
    touch: dict[str, Any] = field(default_factory=dict)

    @property
    def member_id(self) -> int | None:
        """Return the logged-in member's id, or None."""
        return self.row.member_id if self.row else None

    def get(self, key: str, default: Any = None) -> Any:
        """Return a value kept in the session."""
        return self.row.data.get(key, default) if self.row else default

    def set(self, key: str, value: Any) -> None:
        """Keep a value in the session, creating the session if needed."""
        row = ensure_session()
        row.data = {**row.data, key: value}
        self.dirty = True

    def pop(self, key: str, default: Any = None) -> Any:
        """Remove a value from the session and return it."""
        if not self.row or key not in self.row.data:
            return default
        data = dict(self.row.data)
        value = data.pop(key)
        self.row.data = data
        self.dirty = True
        return value


def incoming_token(handset: Handset) -> str | None:
    """Return the token this request carries: the cookie, or the URL/form for cookie-less."""
    if handset.cookies:
        return request.cookies.get(TOKEN_NAME)
    return request.args.get(TOKEN_NAME) or request.form.get(TOKEN_NAME)


def load_session(handset: Handset) -> SessionState:
    """Find the session of this request; refuse expired ones and ones from another handset."""
    state = SessionState()
    token = incoming_token(handset)
    if not token or len(token) > 64:
        return state
    row = db.session.get(WebSession, hash_token(token))
    now = utcnow()
    config = current_app.config
    binding = _binding_matches(row, handset) if row is not None else None
    if (
        row is None
        or binding is None
        or now - row.last_seen_at > timedelta(seconds=config["SESSION_IDLE_SECONDS"])
        or now - row.created_at > timedelta(seconds=config["SESSION_MAX_SECONDS"])
    ):
        state.refused = True
        return state
    state.row = row
    state.token = token
    if binding != row.binding:
        state.touch["binding"] = binding
    if now - row.last_seen_at > _TOUCH_EVERY or state.touch:
        state.touch["last_seen_at"] = now
    return state


def ensure_session() -> WebSession:
    """Return the current session row, creating a new session when there is none."""
    state: SessionState = g.session
    if state.row is None:
        state.token = secrets.token_urlsafe(24)
        mark = terminal_mark(g.handset)
        binding = binding_for(g.handset) + (f"|{mark}" if mark else "")
        state.row = WebSession(
            token_hash=hash_token(state.token), binding=binding,
            csrf_token=secrets.token_urlsafe(24), data={}, member_id=None,
            created_at=utcnow(), last_seen_at=utcnow(),
        )
        db.session.add(state.row)
        state.dirty = True
        if secrets.randbelow(_PURGE_ONE_IN) == 0:  # new sessions pay, now and then, for old ones
            purge_expired(current_app.config["SESSION_IDLE_SECONDS"])
    return state.row


def rotate_session(member_id: int | None) -> None:
    """Give the session a new token and CSRF secret, e.g. when a member logs in or out."""
    state: SessionState = g.session
    old = state.row
    if old is not None and state.token is not None:
        state.retired.append(state.token)
    state.row = None
    row = ensure_session()
    row.member_id = member_id
    row.data = dict(old.data) if old is not None and member_id is not None else {}


def end_session() -> None:
    """Forget the session entirely (logout)."""
    state: SessionState = g.session
    if state.token is not None and state.row is not None:
        state.retired.append(state.token)
    state.row, state.token, state.dirty = None, None, True


def end_leaked_sessions(tokens: list[str]) -> None:
    """End the sessions these tokens name: they were seen in a URL that leaves the site."""
    state: SessionState = g.session
    hashes = [hash_token(token) for token in tokens if token and len(token) <= 64]
    if state.row is not None and state.row.token_hash in hashes:
        end_session()
    if hashes:  # in its own transaction: the page may still be refused, and this must stand
        with own_transaction() as independent:
            independent.execute(delete(WebSession).where(WebSession.token_hash.in_(hashes)))


def save_session() -> None:
    """Write the session and delete retired tokens, in the request's unit of work.

    The request cycle commits it with the rest of the unit, or rolls it back with an error.
    The last-seen time is not written for a refused action: it wrote nothing, this neither
    (whether the session was idle a second or an hour).
    """
    state: SessionState | None = g.get("session")
    if state is None:
        return
    touch = state.touch
    if unit_refused():  # the binding to a terminal id is kept: it guards the session
        touch = {name: value for name, value in touch.items() if name == "binding"}
    if touch and state.row is not None:
        for name, value in touch.items():
            setattr(state.row, name, value)
        state.dirty = True
    state.touch = {}
    hashes = [hash_token(token) for token in state.retired]
    if hashes:
        db.session.execute(delete(WebSession).where(WebSession.token_hash.in_(hashes)))


def csrf_token() -> str:
    """Return the CSRF secret of the session, creating a session if needed."""
    return ensure_session().csrf_token


def csrf_valid(sent: str | None) -> bool:
    """Return True when a POST carries the CSRF secret of its own session."""
    row = g.session.row
    # compared as bytes: compare_digest refuses str that is not ASCII, and a POST may send any
    return bool(row is not None and sent
                and hmac.compare_digest(sent.encode("utf-8"), row.csrf_token.encode("ascii")))


def purge_expired(idle_seconds: int) -> int:
    """Delete sessions idle for longer than idle_seconds (in the unit); return how many go."""
    cutoff = utcnow() - timedelta(seconds=idle_seconds)
    result = db.session.execute(delete(WebSession).where(WebSession.last_seen_at < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)
