"""Fixtures: the app on a real database (SQLite, and PostgreSQL when configured), handsets."""
from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from flask import Flask
from sqlalchemy import text

if TYPE_CHECKING:
    from playwright.sync_api import Browser as PlaywrightBrowser

os.environ.setdefault("KEITAI_SECRET_KEY", "test-secret-key-not-for-production")

from keitai import create_app, kv, migrations  # noqa: E402
from keitai.db import db, make_engine  # noqa: E402
from keitai.models import AuditEntry, Base  # noqa: E402
from keitai.models.admin import APPEND_ONLY, NOT_APPEND_ONLY  # noqa: E402
from keitai.search.engines import KINDS, table_name  # noqa: E402
from tests.feedserver import feed_server  # noqa: E402,F401 - the feed tests' HTTP server
from tests.handsets import HandsetClient, client_for  # noqa: E402

PG_URL = os.environ.get("KEITAI_TEST_DATABASE_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
#: Redis for the tests of what it keeps (sessions, rate limits, caches); .ci/run sets it, and
#: then a Redis that does not answer fails those tests
REDIS_URL = os.environ.get("KEITAI_TEST_REDIS_URL")
#: where sessions and rate-limit counters live: the database alone, or Redis beside it
STORES = ["database"] + (["redis"] if REDIS_URL else [])


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run the tests marked `stores` once per store (the database alone, Redis), but those
    that name their store themselves (parametrize("store", [...], indirect=True))."""
    named = any(marker.args and "store" in str(marker.args[0]).replace(" ", "").split(",")
                for marker in metafunc.definition.iter_markers("parametrize"))
    if (metafunc.definition.get_closest_marker("stores") and "store" in metafunc.fixturenames
            and not named):
        metafunc.parametrize("store", STORES, indirect=True)


@pytest.fixture()
def store(request: pytest.FixtureRequest) -> str:
    """Name where the app keeps sessions and counters: "database" unless marked `stores`."""
    return str(getattr(request, "param", "database"))


def redis_settings() -> dict[str, str]:
    """Return the settings of an app on the test Redis, under a prefix of its own."""
    assert REDIS_URL is not None
    return {"REDIS_URL": REDIS_URL, "REDIS_PREFIX": f"keitai-test:{secrets.token_hex(8)}:"}


def _reset_postgresql(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Give a migrated, empty database on each backend in turn."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    else:
        assert PG_URL is not None
        url = PG_URL
        _reset_postgresql(url)
    migrations.upgrade(url)
    return url


@pytest.fixture()
def app(database_url: str, tmp_path: Path, store: str) -> Iterator[Flask]:
    """Give the application on a clean database (and a Redis of its own for `redis`)."""
    application = create_app({
        "DATABASE_URL": database_url, "TESTING": True,
        "TRUSTED_PROXIES": ["127.0.0.1/32"], "SITE_NAME": "けいたいSNS",
        **(redis_settings() if store == "redis" else {"REDIS_URL": None}),
    })
    keyvalue = kv.keyvalue(application)
    if keyvalue is not None:
        keyvalue.client.ping()  # a Redis that does not answer fails the test here
    yield application
    if keyvalue is not None:
        keyvalue.delete_all()
        keyvalue.client.close()
    empty_database(application)


def empty_database(application: Flask) -> None:
    """Delete every row the app's database holds and close its connections (after a test)."""
    with application.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            dialect = conn.dialect.name
            for table in reversed(Base.metadata.sorted_tables):
                if table.name == AuditEntry.__tablename__:  # append-only: its triggers refuse
                    for statement in (*NOT_APPEND_ONLY[dialect], "DELETE FROM audit_log",
                                      *APPEND_ONLY[dialect]):
                        conn.execute(text(statement))
                    continue
                conn.execute(table.delete())
            for kind in KINDS:  # the search engine's own tables, which no model describes
                conn.execute(text(f"DELETE FROM {table_name(kind)}"))
        db.dispose()


@pytest.fixture()
def handset(app: Flask):  # type: ignore[no-untyped-def]
    """Return a factory: handset("docomo-N505i") is a WebTest client browsing as that handset."""

    def make(name: str, **kwargs: object) -> HandsetClient:
        return client_for(app, name, **kwargs)

    return make


@pytest.fixture(scope="session")
def chromium() -> Iterator[PlaywrightBrowser]:
    """Launch Debian's Chromium, headless, through Playwright (the simulator's UI tests and
    the checker's report tests)."""
    from playwright.sync_api import sync_playwright

    from tests.simulator.driver import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def steady_rate_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hold the rate limiters' clock still for a test: a test that counts attempts must not
    see them split between two windows when it runs across a window's end (a test that
    lets time pass sets the clock itself)."""
    from keitai import ratelimit

    now = ratelimit.utcnow()
    monkeypatch.setattr(ratelimit, "utcnow", lambda: now)
