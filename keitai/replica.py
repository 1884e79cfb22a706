"""Reads that tolerate a little lag go to a read replica, when KEITAI_DATABASE_REPLICA_URL is set.

The friends' feed and the lists of diaries are read far more often than they change, and a
diary that shows a few seconds late harms no one; a replica of the database takes them off the
primary. Everything else (sessions, logins, privacy decisions of single items, every write)
stays on the primary.

A member always sees their own writes: a request of a logged-in member that wrote anything
marks the member's session, and for REPLICA_LAG_SECONDS after that the member's reads all go
to the primary, whatever replica lags behind. Without a replica, `read_session()` is simply
the unit of work's session.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from flask import Flask, Response, current_app, g
from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, scoped_session, sessionmaker

from keitai.db import app_context_id, db, make_engine

#: where an app keeps its replica's sessions
EXTENSION = "keitai.replica"
#: the session value: until when (a Unix time) the member's reads stay on the primary
PRIMARY_UNTIL = "primary_until"
#: set in a unit of work's session.info when it wrote
_WROTE = "keitai.wrote"


@dataclass(frozen=True, slots=True)
class Replica:
    """One app's replica engine and its app-context-scoped, read-only sessions."""

    sessions: scoped_session[Session]


def _note_flush(session: Session, _context: Any) -> None:
    session.info[_WROTE] = True


def _note_statement(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_WROTE] = True


def init_app(app: Flask) -> None:
    """Connect to the replica when configured; mark the sessions of members who write.

    Call after the gateway: the mark is set before the gateway saves the session.
    """
    factory = db.state(app).factory
    event.listen(factory, "after_flush", _note_flush)
    event.listen(factory, "do_orm_execute", _note_statement)
    url = app.config.get("DATABASE_REPLICA_URL")
    if not url:
        app.extensions[EXTENSION] = None
        return
    engine = make_engine(str(url))
    sessions = scoped_session(sessionmaker(bind=engine, autoflush=False),
                              scopefunc=app_context_id)
    app.extensions[EXTENSION] = Replica(sessions)

    @app.teardown_appcontext
    def _end_read(_exc: BaseException | None) -> None:
        sessions.remove()

    app.after_request(_mark_writer)


def wrote() -> bool:
    """Tell whether the current unit of work has written anything."""
    return bool(db.session().info.get(_WROTE))


def _mark_writer(response: Response) -> Response:
    """Keep a member who just wrote on the primary for the replica's lag."""
    state = g.get("session")
    if response.status_code < 400 and state is not None and state.member_id and wrote():
        state.set(PRIMARY_UNTIL, int(time.time()) + current_app.config["REPLICA_LAG_SECONDS"])
    return response


def read_session() -> Session:
    """Return the session for a read that tolerates lag: the replica's, unless there is none
    or the member wrote lately (then the unit of work's, on the primary)."""
    replica: Replica | None = current_app.extensions.get(EXTENSION)
    if replica is None:
        return db.session()
    state = g.get("session")
    if state is not None and int(state.get(PRIMARY_UNTIL) or 0) > time.time():
        return db.session()
    return replica.sessions()
