"""Fixture pages for the charset rules."""
from __future__ import annotations

from tests.checker.site import FixturePage

PAGES: list[FixturePage] = []
