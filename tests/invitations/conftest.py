"""Invitation tests: members made in the database, browsing logged in, a real SMTP mailbox
(the fixtures of tests/accounts and tests/social), and invitations in every state."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from keitai import notices
from keitai.db import db
from keitai.models import FriendCount, Friendship, Invitation
from keitai.models.announcement import MemberNotice
from keitai.models.base import utcnow
from keitai.security import token_hash
from tests.accounts.conftest import (  # noqa: F401  (fixtures)
    app,
    create_member,
    mail_link,
    mail_server,
    mailbox,
)
from tests.accounts.test_signup_as_a_handset import PROFILE
from tests.handsets import HandsetClient
from tests.social.conftest import Browser, logged_in  # noqa: F401  (fixture)

__all__ = ["PROFILE", "mail_link"]


def invite_from(browser: Browser, address: str, knows: str = "yes") -> Any:
    """Send the invitation form of /invite as the logged-in member; return the answer."""
    return browser.submit(browser.get("/invite"), {"email": address, "knows": knows})


def sign_up(phone: HandsetClient, url: str, nickname: str = "じろう") -> Any:
    """Open an invitation link on a handset whose address was invited and register."""
    return phone.submit(phone.get(url), {**PROFILE, "nickname": nickname})


def add_invitation(app: Flask, inviter_id: int, email: str, *,  # noqa: F811
                   created: datetime | None = None, expires: timedelta = timedelta(days=7),
                   joined_by: int | None = None, cancelled: bool = False) -> int:
    """Add an invitation in one of its states, directly in the database; return its id."""
    created = created or utcnow()
    with app.app_context():
        row = Invitation(inviter_id=inviter_id, email=email, knows_invitee=True,
                         token_hash=token_hash(f"{email}-{created.isoformat()}"),
                         created_at=created, expires_at=created + expires,
                         used_at=created if joined_by else None, member_id=joined_by,
                         cancelled_at=created if cancelled else None)
        db.session.add(row)
        db.session.commit()
        return row.id


def friends_of(app: Flask, member_id: int) -> set[int]:  # noqa: F811
    """Return the ids the member's friendship rows name."""
    with app.app_context():
        return set(db.session.scalars(select(Friendship.friend_id)
                                      .where(Friendship.member_id == member_id)))


def friend_count(app: Flask, member_id: int) -> int | None:  # noqa: F811
    """Return the friend count the friends feature keeps for the member (None: no row)."""
    with app.app_context():
        return db.session.scalar(select(FriendCount.count)
                                 .where(FriendCount.member_id == member_id))


def told(app: Flask, member_id: int) -> list[str]:  # noqa: F811
    """Return the texts of the notices left on the member's home, oldest first."""
    with app.app_context():
        return list(db.session.scalars(select(MemberNotice.text).where(
            MemberNotice.member_id == member_id).order_by(MemberNotice.id)))


@pytest.fixture()
def notified(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[Any, ...]]]:
    """Record the notice mails asked for (keitai.notices.notify), and still ask for them."""
    calls: list[tuple[Any, ...]] = []
    real: Callable[..., None] = notices.notify

    def record(recipient_id: int, kind: str, endpoint: str, values: dict[str, str | int],
               actor_id: int | None = None) -> None:
        calls.append((recipient_id, kind, endpoint, values, actor_id))
        real(recipient_id, kind, endpoint, values, actor_id=actor_id)

    monkeypatch.setattr(notices, "notify", record)
    yield calls
