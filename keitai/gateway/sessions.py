"""Server-side sessions carried by a cookie or, for cookie-less handsets, by the URL.

A session is stored (keitai.session_store: the database, or Redis) only once a page needs
one: a login, or a value kept between pages (a notice, sign-up progress). A visitor's page
costs no write: its forms carry a signed visitor token (keitai.visitor_csrf) instead of a
session's CSRF secret.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from flask import current_app, g, request
from werkzeug.wrappers import Response

from carriers import Handset
from keitai import visitor_csrf
from keitai.gateway.handset_request import first
from keitai.models.base import utcnow
from keitai.security import keyed_hash
from keitai.session_store import SessionRecord, purge_expired_rows, session_store
from keitai.uow import after_commit, after_rollback, unit_refused

#: name of the cookie and of the URL/form parameter that carry the session token
TOKEN_NAME = "ksid"
#: the pre-session cookie a visitor's token is bound to, on handsets that keep cookies
PRE_COOKIE = "kpre"
#: how stale last_seen_at may get before a request writes it again
_TOUCH_EVERY = timedelta(seconds=60)


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


def _binding_matches(row: SessionRecord, handset: Handset) -> str | None:
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

    row: SessionRecord | None = None
    #: the token to send back (set when a session is created or rotated)
    token: str | None = None
    #: the row was made by this request and is not stored yet
    new: bool = False
    #: stored sessions to delete when the response is saved (rotation, logout)
    retired: list[SessionRecord] = field(default_factory=list)
    #: the token came from the request and was refused (stale, expired, other handset)
    refused: bool = False
    dirty: bool = False
    #: fields of a stored row changed by the request (data), written when it is saved
    changed: set[str] = field(default_factory=set)
    #: bookkeeping written with the next save (last seen time, a newly seen terminal id), kept
    #: off the row until then: the request's first write is the unit's, at its end
    touch: dict[str, Any] = field(default_factory=dict)
    #: the visitor token of this response's forms, made once (no row)
    visitor_token: str | None = None
    #: a new pre-session cookie value to send with this response
    new_pre_cookie: str | None = None
    #: the state is kept to be put back if the unit of work is refused (see _before_change)
    checkpointed: bool = False

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
        _before_change(self)
        row.data = {**row.data, key: value}
        self.changed.add("data")
        self.dirty = True

    def pop(self, key: str, default: Any = None) -> Any:
        """Remove a value from the session and return it."""
        if not self.row or key not in self.row.data:
            return default
        _before_change(self)
        data = dict(self.row.data)
        value = data.pop(key)
        self.row.data = data
        self.changed.add("data")
        self.dirty = True
        return value


def _before_change(state: SessionState) -> None:
    """Keep the state as it is, to be put back if the unit of work is rolled back.

    A refused action's writes are rolled back (keitai.uow), its session changes with them:
    the session is saved with the unit, and a refusal must leave it as the request found it.
    """
    if state.checkpointed:
        return
    kept = replace(state, row=state.row.copy() if state.row else None,
                   retired=list(state.retired), changed=set(state.changed),
                   touch=dict(state.touch))

    def put_back() -> None:
        for name in ("row", "token", "new", "retired", "dirty", "changed"):
            setattr(state, name, getattr(kept, name))
        state.checkpointed = False

    state.checkpointed = True
    after_rollback(put_back)
    after_commit(lambda: setattr(state, "checkpointed", False))  # a unit committed mid-request


def incoming_token(handset: Handset) -> str | None:
    """Return the token this request carries: the cookie, or the URL/form for cookie-less."""
    if handset.cookies:
        if not request.environ.get("HTTP_COOKIE"):  # no Cookie header: no cookies to parse
            return None
        return first(request.cookies, TOKEN_NAME)
    if request.method != "POST":  # only a POST has a form
        return first(request.args, TOKEN_NAME)
    return first(request.args, TOKEN_NAME) or first(request.form, TOKEN_NAME)


def load_session(handset: Handset, state: SessionState | None = None) -> SessionState:
    """Find the session of this request; refuse expired ones and ones from another handset.

    state, when given, is a fresh SessionState to fill (the one the request had meanwhile).
    """
    if state is None:
        state = SessionState()
    token = incoming_token(handset)
    if not token or len(token) > 64:
        return state
    row = session_store().load(hash_token(token))
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


def ensure_session() -> SessionRecord:
    """Return the current session, starting a new one (stored with the unit) when there is none."""
    state: SessionState = g.session
    if state.row is None:
        _before_change(state)
        state.token = secrets.token_urlsafe(24)
        mark = terminal_mark(g.handset)
        binding = binding_for(g.handset) + (f"|{mark}" if mark else "")
        now = utcnow()
        state.row = SessionRecord(token_hash=hash_token(state.token), binding=binding,
                                  csrf_token=secrets.token_urlsafe(24), member_id=None,
                                  data={}, created_at=now, last_seen_at=now)
        state.new = True
        state.dirty = True
    return state.row


def _retire(state: SessionState) -> None:
    """Mark the current session to be deleted with the save (one never stored just goes)."""
    if state.row is not None and state.token is not None and not state.new:
        state.retired.append(state.row)
    state.row, state.new, state.changed = None, False, set()


def rotate_session(member_id: int | None) -> None:
    """Give the session a new token and CSRF secret, e.g. when a member logs in or out."""
    state: SessionState = g.session
    _before_change(state)
    old = state.row
    _retire(state)
    row = ensure_session()
    row.member_id = member_id
    row.data = dict(old.data) if old is not None and member_id is not None else {}


def end_session() -> None:
    """Forget the session entirely (logout)."""
    state: SessionState = g.session
    _before_change(state)
    _retire(state)
    state.token, state.dirty = None, True


def end_leaked_sessions(tokens: list[str]) -> None:
    """End the sessions these tokens name: they were seen in a URL that leaves the site."""
    state: SessionState = g.session
    hashes = [hash_token(token) for token in tokens if token and len(token) <= 64]
    if state.row is not None and state.row.token_hash in hashes:
        end_session()
    if hashes:  # at once: the page may still be refused, and this must stand
        session_store().delete_at_once(hashes)


def save_session(state: SessionState | None = None) -> None:
    """Write the session and delete retired ones, in step with the request's unit of work.

    The request cycle commits it with the rest of the unit, or rolls it back with an error.
    The last-seen time is not written for a refused action: it wrote nothing, this neither
    (whether the session was idle a second or an hour). state is the request's (g.session),
    when the caller has it at hand.
    """
    if state is None:
        state = g.get("session")
        if state is None:
            return
    if state.row is None and not state.retired:  # a visitor's page: nothing to write
        if state.touch or state.changed or state.new:
            state.touch, state.changed, state.new = {}, set(), False
        return
    touch = state.touch
    if unit_refused():  # the binding to a terminal id is kept: it guards the session
        touch = {name: value for name, value in touch.items() if name == "binding"}
    store = session_store()
    if state.row is not None:
        for name, value in touch.items():
            setattr(state.row, name, value)
        if state.new:
            store.save(state.row, None)
        elif touch or state.changed:
            store.save(state.row, set(touch) | state.changed)
        state.dirty = state.dirty or bool(touch)
    state.touch, state.changed, state.new = {}, set(), False
    store.delete(state.retired)


def _pre_cookie(handset: Handset) -> str:
    """Return the pre-session cookie a visitor's token is bound to ("" for cookie-less)."""
    if not handset.cookies:
        return ""
    state: SessionState = g.session
    sent = request.cookies.get(PRE_COOKIE, "")
    if state.new_pre_cookie is None and not (0 < len(sent) <= 64):
        state.new_pre_cookie = secrets.token_urlsafe(18)
    return state.new_pre_cookie or sent


def csrf_token() -> str:
    """Return the CSRF secret of the session, or for a visitor without one a visitor token.

    A visitor's token costs no write (on a handset that keeps cookies, a cookie at most).
    """
    state: SessionState = g.session
    if state.row is not None:
        return state.row.csrf_token
    if state.visitor_token is None:
        handset: Handset = g.handset
        state.visitor_token = visitor_csrf.issue(
            binding_for(handset), terminal_mark(handset), _pre_cookie(handset),
            int(time.time()))
    return state.visitor_token


def csrf_valid(sent: str | None) -> bool:
    """Return True when a POST carries the CSRF secret of its own session, or a visitor
    without a session a valid visitor token made for this handset."""
    row = g.session.row
    if not sent:
        return False
    if row is not None:
        # compared as bytes: compare_digest refuses str that is not ASCII, a POST may send any
        return hmac.compare_digest(sent.encode("utf-8"), row.csrf_token.encode("ascii"))
    handset: Handset = g.handset
    pre = request.cookies.get(PRE_COOKIE, "") if handset.cookies else ""
    if handset.cookies and not pre:
        return False
    return visitor_csrf.check(sent, binding_for(handset), terminal_mark(handset), pre,
                              current_app.config["SESSION_IDLE_SECONDS"], int(time.time()))


def set_pre_cookie(response: Response, state: SessionState | None = None) -> None:
    """Send the pre-session cookie a visitor token of this response was bound to, if new
    (state is the request's, g.session, when the caller has it at hand)."""
    if state is None:
        state = g.session
    if state.new_pre_cookie is not None and state.visitor_token is not None:
        response.set_cookie(PRE_COOKIE, state.new_pre_cookie, httponly=True, samesite="Lax",
                            secure=current_app.config["COOKIE_SECURE"])


def purge_expired(idle_seconds: int) -> int:
    """Delete session rows idle for longer than idle_seconds (in the unit); return how many.

    Sessions in Redis expire by themselves.
    """
    from keitai.db import db

    total = 0
    while (count := purge_expired_rows(db.session(), idle_seconds)) > 0:
        total += count
    return total
