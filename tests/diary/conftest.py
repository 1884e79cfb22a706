"""Diary tests: cheap password hashing, members on handsets, friends and blocks."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from tests.diary.browsing import Browser, add_member, befriend, block, log_in


@pytest.fixture()
def app(app: Flask) -> Flask:
    """Give the app at http://keitai.test with cheap argon2 (members log in often here)."""
    app.config.update(BASE_URL="http://keitai.test", ARGON2_TIME_COST=1,
                      ARGON2_MEMORY_KIB=1024)
    return app


@pytest.fixture()
def emails() -> dict[int, str]:
    """Give the login address of each member a test added."""
    return {}


@pytest.fixture()
def member(app: Flask, emails: dict[int, str]) -> Callable[[str], int]:
    """Return a factory: member("たろう") adds a member and returns the id."""

    def make(nickname: str) -> int:
        email = f"member{len(emails) + 1}@example.com"
        member_id = add_member(app, nickname, email)
        emails[member_id] = email
        return member_id

    return make


@pytest.fixture()
def browse(app: Flask, emails: dict[int, str]) -> Callable[[str, int], Browser]:
    """Return a factory: browse("docomo-N505i", member_id) logs that member in on a handset."""

    def make(name: str, member_id: int) -> Browser:
        return log_in(app, name, emails[member_id])

    return make


@pytest.fixture()
def friends(app: Flask) -> Callable[[int, int], None]:
    """Return a helper: friends(a, b) makes a and b friends."""
    return lambda a, b: befriend(app, a, b)


@pytest.fixture()
def blocks(app: Flask) -> Callable[[int, int], None]:
    """Return a helper: blocks(a, b) records that a blocked b."""
    return lambda a, b: block(app, a, b)
