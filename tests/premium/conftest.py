"""Premium tests: the social tests' members and handsets, and premium periods set directly."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from flask import Flask

from keitai.db import db
from keitai.models.base import utcnow
from keitai.models.member import Member
from tests.social import conftest as social

#: the social tests' fixtures: member("たろう") adds a member, logged_in(handset, id) browses
member, logged_in = social.member, social.logged_in


def set_period(app: Flask, member_id: int, since: datetime | None,
               until: datetime | None) -> None:
    """Write a member's premium period straight into the database."""
    with app.app_context():
        found = db.session.get_one(Member, member_id)
        found.premium_since, found.premium_until = since, until
        db.session.commit()


@pytest.fixture()
def premium_member(app: Flask, member: Callable[..., int]) -> Callable[..., int]:
    """Return a factory: premium_member("たろう") adds a member premium for a month from a
    day ago; lapsed=True makes the month one that ended yesterday."""

    def make(nickname: str = "ぷれみ", *, lapsed: bool = False) -> int:
        made = member(nickname)
        now = utcnow()
        if lapsed:
            set_period(app, made, now - timedelta(days=31), now - timedelta(days=1))
        else:
            set_period(app, made, now - timedelta(days=1), now + timedelta(days=30))
        return made

    return make
