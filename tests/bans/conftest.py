"""Bans and suspensions: members signing up and logging in through the whole stack, and an
operator acting on them through keitai.moderation.bans (the console's own calls)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

import carriers
from keitai.db import db
from keitai.models import Ban, Member, MemberTerminal
from keitai.models.base import utcnow
from tests.accounts.conftest import (  # noqa: F401  (fixtures)
    PASSWORD,
    app,
    create_member,
    log_in,
    mail_link,
    mail_server,
    mailbox,
)
from tests.handsets import HandsetClient, assert_fits_handset

PROFILE = {"nickname": "たろう", "real_name": "山田太郎", "birth_year": "1985",
           "birth_month": "4", "birth_day": "1", "password": "mizu-2008", "agree": "1"}
#: each carrier's handset, and a mobile address of it
HANDSETS = {"docomo-P903i": "docomo.ne.jp", "au-W53CA": "ezweb.ne.jp",
            "softbank-930SH": "softbank.ne.jp"}
REASON = "出会い目的の書き込みを繰り返したため"
#: the one sentence a banned handset or address is told
REFUSED = "申し訳ありませんが、ご利用いただけません。"


def operator(app: Flask, action: Callable[..., Any], *args: Any) -> Any:  # noqa: F811
    """Do what the console does: call a moderation function in a unit of work, commit."""
    with app.app_context():
        result = action(*args)
        db.session.commit()
        if isinstance(result, list):
            result = [row.id for row in result]
        db.session.remove()
        return result


def member_id(app: Flask, address: str) -> int | None:  # noqa: F811
    """Return the id of the member with this login address, or None."""
    with app.app_context():
        found = db.session.scalar(select(Member.id).where(Member.email == address))
        db.session.remove()
        return found


def terminals(app: Flask) -> list[MemberTerminal]:  # noqa: F811
    """Return every recorded terminal row."""
    with app.app_context():
        rows = list(db.session.scalars(select(MemberTerminal)))
        db.session.expunge_all()
        return rows


def age_bans(app: Flask, by: timedelta) -> None:  # noqa: F811
    """Move every ban's end back by `by` (time passing, without a clock)."""
    with app.app_context():
        for ban in db.session.scalars(select(Ban).where(Ban.expires_at.is_not(None))):
            assert ban.expires_at is not None
            ban.expires_at -= by
        db.session.commit()
        db.session.remove()


def end_suspension(app: Flask, member: int) -> None:  # noqa: F811
    """Let the member's suspension run out (its end is moved into the past)."""
    with app.app_context():
        found = db.session.get(Member, member)
        assert found is not None
        found.suspended_until = utcnow() - timedelta(seconds=1)
        db.session.commit()
        db.session.remove()


def invite(handset, inviter_email: str, address: str):  # type: ignore[no-untyped-def]
    """Log in on a PC as the inviter and invite address; return the page that answers."""
    pc = handset("pc-Firefox")
    log_in(pc, inviter_email)
    return pc.submit(pc.get("/invite"), {"email": address, "knows": "yes"})


def page_of(client: HandsetClient, response) -> str:  # type: ignore[no-untyped-def]
    """Assert the page is what the handset can show (charset, markup, size); return its text."""
    text = client.text(response)
    assert_fits_handset(carriers.detect(client.profile.user_agent, client.profile.headers),
                        response, text)
    return text


@pytest.fixture()
def inviter(create_member) -> str:  # noqa: F811
    """Return the address of a member who invites people (and bans them, in these tests)."""
    create_member(email="hanako@example.com", nickname="はなこ")
    return "hanako@example.com"
