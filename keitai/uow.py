"""One owner for every write: a unit of work per request or job, committed in one place.

- A request is one unit of work in `db.session`. Views and services never commit; the request
  cycle commits once, after the view and the web session's save, before the response leaves
  (`finish_request`, the last after-request hook). An exception, an error response (4xx, 5xx)
  or a failed commit rolls the whole unit back, the session save with it, and the member gets
  an error page, never a success page whose writes were lost.
- A refusal a view shows in its own page (a DomainError caught and translated by
  `keitai.errors.refusal`) rolls back at once whatever the refused action wrote; what the page
  does afterwards (a notice kept in the web session) is the unit that commits.
- A command or a job runs its services inside `unit_of_work()`.
- What must stand whatever the unit does (rate-limit counters, ending leaked sessions, audit
  rows) is written by `own_transaction()`: a separate session, committed at once.
- What lives outside the database (web sessions and caches in Redis) is written by
  `after_commit(callback)`: the callback runs once the unit commits, and is forgotten when it
  rolls back, so a refused request changes nothing there either.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import Flask, Response, current_app, g
from sqlalchemy import event, text
from sqlalchemy.orm import Session, SessionTransaction

from keitai.db import db

log = logging.getLogger(__name__)
#: the longest an independent write waits for a row lock on PostgreSQL
INDEPENDENT_LOCK_WAIT = "10s"
#: where a unit's session keeps the callbacks to run when it commits, and when it rolls back
_AFTER_COMMIT = "keitai.after_commit"
_AFTER_ROLLBACK = "keitai.after_rollback"


@contextmanager
def unit_of_work() -> Iterator[Session]:
    """Run a block (a CLI command, a job) as one unit: commit at its end, roll back on error."""
    session = db.session()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise


class UnitHoldsWriteLock(RuntimeError):
    """An independent write was asked for after the unit took SQLite's write lock."""


def _unit_holds_sqlite_write_lock() -> bool:
    """Tell whether the unit of work has begun writing on SQLite (BEGIN was sent).

    pysqlite begins a transaction only before the first write, so a unit that has only read
    holds no lock and another connection may write and commit.
    """
    state = db.state()
    if state.engine.dialect.name != "sqlite" or not state.sessions.registry.has():
        return False
    session = state.sessions()
    if not session.in_transaction():
        return False
    dbapi = session.connection().connection.dbapi_connection
    return bool(getattr(dbapi, "in_transaction", False))


@contextmanager
def own_transaction() -> Iterator[Session]:
    """Write what must outlive the unit of work, on its own connection, committed at once.

    Call it before the unit writes anything: on SQLite the unit's first write takes the
    database's write lock, and a second connection would wait for it forever (refused at
    once with UnitHoldsWriteLock instead). On PostgreSQL the same order keeps the two
    transactions from waiting on each other's row locks.
    """
    if _unit_holds_sqlite_write_lock():
        raise UnitHoldsWriteLock("write what must survive a refusal before the unit writes")
    session = db.state().independent()
    try:
        with session.begin():
            if session.get_bind().dialect.name == "postgresql":
                # a row lock held by this very request's unit would be waited for forever
                session.execute(text(f"SET LOCAL lock_timeout = '{INDEPENDENT_LOCK_WAIT}'"))
            yield session
    finally:
        session.close()


def roll_back_refused() -> None:
    """Roll back what the request wrote so far: the action was refused."""
    db.session.rollback()
    g.unit_refused = True


def unit_refused() -> bool:
    """Return True when a refusal rolled back this request's writes."""
    return bool(g.get("unit_refused"))


def finish_request(response: Response) -> Response:
    """Commit the request's unit of work once, or roll it back for an error response.

    Runs after every other after-request hook (the web session is saved by then) and before
    the response is sent. A commit that fails becomes the error page.
    """
    session = db.session
    if not session.registry.has():  # the request never began its unit: nothing to end
        return response
    if response.status_code >= 400:
        session.rollback()
        return response
    try:
        session.commit()
    except Exception as error:  # the writes are lost: say so, never show the success page
        session.rollback()
        from keitai.errors import render_crash

        failed = current_app.make_response(render_crash(error))
        return current_app.process_response(failed)
    return response


def _callbacks(kind: str) -> list[Callable[[], None]]:
    """Return the unit's list of callbacks of one kind, beginning the unit if need be."""
    session = db.session()
    if not session.in_transaction():  # begun without a connection, so a rollback is seen
        session.begin()
    found: list[Callable[[], None]] = session.info.setdefault(kind, [])
    return found


def after_commit(callback: Callable[[], None]) -> None:
    """Run callback once the current unit of work commits; forget it if the unit rolls back.

    For writes outside the database (Redis): they happen if and only if the unit's do.
    """
    _callbacks(_AFTER_COMMIT).append(callback)


def after_rollback(callback: Callable[[], None]) -> None:
    """Run callback if the current unit of work rolls back; forget it if the unit commits.

    For state kept in memory beside the unit (the web session of the request), to be put back
    as it was when a refusal rolls the unit back.
    """
    _callbacks(_AFTER_ROLLBACK).append(callback)


def _run(callbacks: list[Callable[[], None]]) -> None:
    """Run every callback, whatever one of them raises; then raise the first error."""
    failed: Exception | None = None
    for callback in callbacks:
        try:
            callback()
        except Exception as error:  # noqa: BLE001 - the others must run all the same
            log.exception("a callback of the unit of work failed")
            failed = failed or error
    if failed is not None:
        raise failed


def _committed(session: Session) -> None:
    """Run the callbacks of the unit that just committed."""
    session.info.pop(_AFTER_ROLLBACK, None)
    _run(session.info.pop(_AFTER_COMMIT, []))


def _rolled_back(session: Session, previous: SessionTransaction) -> None:
    """Run the callbacks of a unit that rolled back (not of a savepoint's rollback)."""
    if previous.parent is None:
        session.info.pop(_AFTER_COMMIT, None)
        _run(session.info.pop(_AFTER_ROLLBACK, []))


def init_app(app: Flask) -> None:
    """Install the commit at the end of each request (call before the gateway's hooks), and
    the runs of after_commit callbacks on the app's units of work."""
    factory = db.state(app).factory
    event.listen(factory, "after_commit", _committed)
    event.listen(factory, "after_soft_rollback", _rolled_back)
    app.after_request(finish_request)  # registered first, so it runs last
