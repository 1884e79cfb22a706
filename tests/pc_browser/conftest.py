"""Fixtures: the demo seeded once for the module on a SQLite database of its own, served over
HTTP on 127.0.0.1; the devices (a PC, a smartphone) and one Chromium tab as each."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page

from keitai import create_app, migrations
from simulator.server import ServerThread
from tests.conftest import empty_database
from tests.pc_browser.browse import AXE, DESKTOP, PHONE, Device
from tests.seed.demo import seed_demo


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Seed the demo as `keitai demo` does and serve it; return the server's address.

    The pages are the same on every database, so a SQLite database of the module's own
    serves them, seeded once for both devices (its connections are closed at the end).
    """
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run make install (npm ci installs axe-core)")
    url = f"sqlite:///{tmp_path_factory.mktemp('pc_browser') / 'demo.sqlite3'}"
    migrations.upgrade(url)
    app: Flask = create_app({"DATABASE_URL": url, "TESTING": True, "REDIS_URL": None,
                             "SITE_NAME": "けいたいSNS", "DEMO": True,
                             "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_KIB": 1024})
    server = ServerThread(app, quiet=True)
    app.config["BASE_URL"] = server.url
    seed_demo(app)
    server.start()
    yield server.url
    server.stop()
    empty_database(app)


@pytest.fixture(params=[DESKTOP, PHONE], ids=lambda device: device.name)
def device(request: pytest.FixtureRequest) -> Device:
    """Give each device in turn: the PC, then the smartphone."""
    found: Device = request.param
    return found


@pytest.fixture()
def page(chromium: Browser, device: Device) -> Iterator[Page]:
    """Give one tab as the device, for every page a test opens."""
    context = device.open(chromium)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()
