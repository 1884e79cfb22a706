"""Friend-list tests: the social tests' members and handsets, friendships made at given
times, and the owner's setting written as the settings page writes it."""
from __future__ import annotations

from datetime import datetime, timedelta

from flask import Flask
from sqlalchemy import insert

from keitai.db import db
from keitai.features.friends import service
from keitai.models import Friendship
from keitai.models.base import utcnow
from tests.social.conftest import logged_in, member  # noqa: F401

#: the owner's setting as stored; None: the owner has no profiles row at all
LEVELS = ("everyone", "friends", "only_me", None)


def befriend_at(app: Flask, owner: int, friends: list[int],
                start: datetime | None = None) -> None:
    """Make owner friends with each of friends, a minute apart, the first the oldest."""
    start = start or utcnow() - timedelta(days=1)
    with app.app_context():
        db.session.execute(insert(Friendship), [
            {"member_id": x, "friend_id": y, "created_at": start + timedelta(minutes=n)}
            for n, friend in enumerate(friends) for x, y in ((owner, friend), (friend, owner))])
        db.session.commit()


def choose_level(app: Flask, owner: int, level: str | None) -> None:
    """Set who sees the owner's friend list (None leaves the owner without a profile)."""
    if level is None:
        return
    with app.app_context():
        service.set_list_level(owner, level)
        db.session.commit()
