"""Fixtures for the carriers tests: expectation checking and known gateway ranges."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

import carriers
from carriers.gateways import DEFAULT_FILE

#: the bundled ranges, parsed once for the whole session
BUNDLED_RANGES = carriers.load_gateway_ranges(DEFAULT_FILE)

#: compares one Handset with an expectation dict; returns the mismatches as text
Checker = Callable[[carriers.Handset, dict[str, Any]], list[str]]


def mismatches(handset: carriers.Handset, expect: dict[str, Any]) -> list[str]:
    """Return a line per field of expect that handset does not have."""
    wrong = []
    for name, wanted in expect.items():
        got = getattr(handset, name)
        if name == "carrier" and wanted == "pc or smartphone":
            ok = got in ("pc", "smartphone")
        elif name == "screen":
            ok = got == (None if wanted in (None, [None, None]) else tuple(wanted))
        else:
            ok = got == wanted
        if not ok:
            wrong.append(f"{name}: expected {wanted!r}, got {got!r}")
    return wrong


@pytest.fixture()
def check() -> Checker:
    """Give the expectation checker."""
    return mismatches


@pytest.fixture(autouse=True)
def bundled_gateway_ranges() -> Iterator[None]:
    """Run each test on the bundled ranges (whatever the environment names), then forget them."""
    carriers.set_gateway_ranges(BUNDLED_RANGES)
    yield
    carriers.set_gateway_ranges(None)
