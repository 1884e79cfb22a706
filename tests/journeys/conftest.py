"""Journeys: members made by the app's own code, logging in through the login form, mail in
a real SMTP mailbox (the fixtures of tests/accounts)."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from keitai.db import db
from keitai.members import create_member
from keitai.passwords import hash_password
from tests.accounts.conftest import app, mail_server, mailbox  # noqa: F401  (fixtures)
from tests.journeys.browser import PASSWORD, Journey


@pytest.fixture()
def member(app: Flask) -> Callable[[str, str], int]:  # noqa: F811
    """Return a factory: member("たろう", "taro@example.com") adds a member, returns its id."""

    def make(nickname: str, email: str) -> int:
        with app.app_context():
            made = create_member(email=email, nickname=nickname,
                                 password_hash=hash_password(PASSWORD))
            db.session.commit()
            member_id = made.id
            db.session.remove()
        return member_id

    return make


@pytest.fixture()
def journey(app: Flask) -> Callable[[str], Journey]:  # noqa: F811
    """Return a factory: journey("docomo-P903i") is a person on that handset at the top page."""

    def make(profile: str) -> Journey:
        return Journey(app, profile)

    return make
