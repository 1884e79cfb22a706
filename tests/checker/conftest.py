"""Fixtures: the fixture site in-process, and a checker that reads one page of it."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from simulator.checker.findings import Finding
from simulator.checker.run import check_url
from simulator.profiles import Profile
from simulator.transport import WsgiTransport
from tests.checker.site import HOST, PROFILES, FixtureSite

CheckOne = Callable[[Profile, str], list[Finding]]


@pytest.fixture(scope="session")
def fixture_site() -> FixtureSite:
    """Give the fixture site (every area's pages)."""
    return FixtureSite()


@pytest.fixture(scope="session")
def check_one(fixture_site: FixtureSite) -> CheckOne:
    """Return check(profile, path): the findings on one page of the fixture site."""
    transport = WsgiTransport(fixture_site)

    def check(profile: Profile, path: str) -> list[Finding]:
        return check_url(profile, HOST + path, transport)

    return check


@pytest.fixture(scope="session")
def profiles() -> list[Profile]:
    """Give every built-in handset profile."""
    return PROFILES
