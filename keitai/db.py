"""The database: one engine per app, one SQLAlchemy session per app context.

Nothing app-specific lives on the module's `db` object: each app keeps its engine, its session
factory and its scoped session in `app.extensions`, and `db.session` / `db.engine` find the
current app's. Two apps in one process (tests, a CLI next to a server) never share a database.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app
from flask.globals import _cv_app
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, scoped_session, sessionmaker

#: where an app keeps its database state
EXTENSION = "keitai.db"


def app_context_id() -> int:
    """Return the identity of the current app context: one session per context."""
    return id(_cv_app.get())


#: connections kept for writes that must outlive a unit of work (keitai.uow.own_transaction)
INDEPENDENT_POOL = {"pool_size": 2, "max_overflow": 8}


@dataclass(frozen=True, slots=True)
class AppDatabase:
    """One app's engines, session factories and app-context-scoped session."""

    engine: Engine
    #: makes the sessions of units of work
    factory: sessionmaker[Session]
    #: the session of the current app context: the unit of work of a request or a job
    sessions: scoped_session[Session]
    #: makes sessions for independent writes, on a pool of their own: a request holding its
    #: unit's connection while it waits for one of these never starves the others of theirs
    independent: sessionmaker[Session]

    def dispose(self) -> None:
        """Close every pooled connection of this app."""
        self.engine.dispose()
        bind = self.independent.kw["bind"]
        assert isinstance(bind, Engine)
        bind.dispose()


class PrivateDatabase(ValueError):
    """A database URL each connection would open as a database of its own."""


def refuse_private_database(url: str) -> None:
    """Refuse an in-memory SQLite URL: the site's connections must all see one database.

    Rate-limit counts are written on a connection of their own (keitai.uow.own_transaction),
    and every app server and worker must see the same rows.
    """
    parsed = make_url(url)
    memory = parsed.database in (None, "", ":memory:") or parsed.query.get("mode") == "memory"
    if parsed.get_backend_name() == "sqlite" and memory:
        raise PrivateDatabase(f"KEITAI_DATABASE_URL {url!r} is an in-memory SQLite database, "
                              "which each connection opens afresh; use a file: sqlite:///PATH")


class Database:
    """Find the current app's database state; `db.session` is its unit-of-work session."""

    def init_app(self, app: Flask) -> None:
        """Create the app's engine from DATABASE_URL; close the session with its context."""
        url = app.config["DATABASE_URL"]
        refuse_private_database(url)
        engine = make_engine(url)
        factory = sessionmaker(bind=engine, expire_on_commit=False)
        independent = sessionmaker(bind=make_engine(url, **INDEPENDENT_POOL),
                                   expire_on_commit=False)
        state = AppDatabase(engine, factory, scoped_session(factory, scopefunc=app_context_id),
                            independent)
        app.extensions[EXTENSION] = state

        @app.teardown_appcontext
        def _remove_session(_exc: BaseException | None) -> None:
            state.sessions.remove()

    @staticmethod
    def state(app: Flask | None = None) -> AppDatabase:
        """Return the database state of app (default: the current app)."""
        found: AppDatabase = (app or current_app).extensions[EXTENSION]
        return found

    @property
    def session(self) -> scoped_session[Session]:
        """Return the current app context's session (the request's or job's unit of work)."""
        return self.state().sessions

    @property
    def engine(self) -> Engine:
        """Return the current app's engine (the one units of work use)."""
        return self.state().engine

    def dispose(self) -> None:
        """Close every pooled connection of the current app (end of a command or a test)."""
        self.state().dispose()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine with the settings each backend needs."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    if url.startswith("postgresql"):
        # our queries are short; the JIT compiler costs 100-300 ms on a privacy-filtered feed
        # whose cost estimate crosses jit_above_cost, for nothing
        kwargs.setdefault("connect_args", {"options": "-c jit=off"})
    return create_engine(url, pool_pre_ping=True, **kwargs)


db = Database()
