"""Fixtures: handsets browsing the real app or the echo site in-process, the UI, and the
whole stack (app, mailbox, simulator) live with Chromium driving the UI."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from playwright.sync_api import Browser as PlaywrightBrowser

from simulator.browser import Browser
from simulator.profiles import BUILTIN_FILE, ProfileStore
from simulator.server import ServerThread
from simulator.state import State
from simulator.transport import WsgiTransport
from simulator.ui import create_simulator
from tests.simulator.driver import SimulatorDriver
from tests.simulator.echo import create_echo_site
from tests.simulator.live import Stack, running_stack

#: the host name the in-process sites answer as
SITE = "http://keitai.test"
Browse = Callable[..., Browser]


@pytest.fixture()
def echo_site() -> Flask:
    """Give the echo site (see tests/simulator/echo.py)."""
    return create_echo_site()


@pytest.fixture()
def browse(tmp_path: Path) -> Browse:
    """Return a factory: browse("docomo-N505i", site) is a Browser playing that handset."""
    state = State(tmp_path / "state.sqlite3")
    store = ProfileStore(tmp_path / "profiles.json", BUILTIN_FILE)

    def make(name: str, site: Any, **changes: Any) -> Browser:
        profile = store.get(name)
        assert profile is not None, name
        if changes:
            from dataclasses import replace

            profile = replace(profile, **changes)
        return Browser(profile, WsgiTransport(site), state, SITE)

    return make


@pytest.fixture()
def simulator_ui(app: Flask, tmp_path: Path) -> FlaskClient:
    """Give a test client of the simulator UI browsing the real app in-process."""
    ui = create_simulator(SITE, tmp_path / "simulator", tmp_path / "mailbox",
                          transport=WsgiTransport(app))
    ui.config["TESTING"] = True
    return ui.test_client()


@pytest.fixture()
def echo_ui(echo_site: Flask, tmp_path: Path) -> FlaskClient:
    """Give a test client of the simulator UI browsing the echo site."""
    ui = create_simulator(SITE, tmp_path / "simulator", tmp_path / "mailbox",
                          transport=WsgiTransport(echo_site))
    ui.config["TESTING"] = True
    return ui.test_client()


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """Run the real app (SQLite), the mailbox and the simulator on free ports of 127.0.0.1."""
    with running_stack(tmp_path_factory.mktemp("stack")) as running:
        yield running


@pytest.fixture(scope="module")
def echo_server() -> Iterator[str]:
    """Run the echo site on a free port of 127.0.0.1 and give its base URL."""
    server = ServerThread(create_echo_site(), quiet=True).start()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture()
def tester(chromium: PlaywrightBrowser, stack: Stack) -> Iterator[SimulatorDriver]:
    """Give the simulator UI in a fresh browser tab, as a tester sees it."""
    context = chromium.new_context(viewport={"width": 1100, "height": 760}, locale="ja-JP")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield SimulatorDriver(page, stack.simulator_url)
    context.close()
