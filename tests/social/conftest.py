"""Social tests: members made in the database, handsets browsing as them, SQL counting."""
from __future__ import annotations

import html
import re
import secrets
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import insert

import carriers
from keitai.db import db
from keitai.features.diary import feed
from keitai.gateway.sessions import binding_for, hash_token
from keitai.members import create_member
from keitai.models import Block, Friendship, Member
from keitai.models.base import utcnow
from keitai.session_store import SessionRecord, session_store
from tests.handsets import (
    PROFILES,
    HandsetClient,
    as_our_links_carry,
    assert_fits_handset,
)

#: a ☀ as each kind of handset sends it: docomo/WILLCOM Shift_JIS F89F, au F660, SoftBank 3G
#: U+E04A in UTF-8, J-PHONE the web code ESC $ G j SI, smartphones and PCs U+2600
SUN_BYTES = {("docomo", "shift_jis"): b"\xf8\x9f", ("willcom", "shift_jis"): b"\xf8\x9f",
             ("au", "shift_jis"): b"\xf6\x60", ("softbank", "utf-8"): "\ue04a".encode(),
             ("softbank", "shift_jis"): b"\x1b$Gj\x0f"}


class Browser(HandsetClient):
    """A handset logged in as a member; cookie-less handsets carry the token in the URL."""

    token: str = ""

    @property
    def handset(self) -> carriers.Handset:
        """Return what the site detects about this handset (detect() caches it)."""
        return carriers.detect(self.profile.user_agent, self.profile.headers)

    def sun(self) -> bytes:
        """Return the bytes this handset sends for ☀."""
        handset = self.handset
        return SUN_BYTES.get((handset.carrier, handset.charset), "☀".encode())

    def page(self, url: str) -> str:
        """Open a page and check what every page must be for this handset; return its text.

        The page is in the handset's charset and media type, within its byte limit, and
        well-formed XML when the handset's markup is XHTML.
        """
        response = self.get(url)
        text = self.text(response)
        assert_fits_handset(self.handset, response, text)
        return text

    def whole(self, url: str) -> str:
        """Open a page and every next part of it (a long page comes in parts of a comfortable
        size), checking each as page() does; return their text, in order."""
        texts = [self.page(url)]
        while (found := re.search(r'<a href="([^"]+)" accesskey="#">', texts[-1])):
            texts.append(self.page(html.unescape(found.group(1))))
            assert len(texts) < 20
        return "".join(texts)

    def do_request(self, req: Any, status: Any = None, expect_errors: Any = None) -> Any:
        """Send the session token the way this handset keeps it, and guid=ON as our links do."""
        cookies = self.handset.cookies
        req.environ["QUERY_STRING"] = as_our_links_carry(req.environ.get("QUERY_STRING", ""),
                                                         self.handset, self.token)
        if self.token and cookies:
            req.headers["Cookie"] = f"ksid={self.token}"
        return super().do_request(req, status=status, expect_errors=expect_errors)


@pytest.fixture()
def member(app: Flask) -> Callable[..., int]:
    """Return a factory: member("たろう") adds a member and returns its id."""
    counter = iter(range(1, 10**6))

    def make(nickname: str = "たろう", *, celebrity: bool = False) -> int:
        with app.app_context():
            made = create_member(email=f"m{next(counter)}-{secrets.token_hex(3)}@example.com",
                                 nickname=nickname, password_hash="x")
            made.is_celebrity = celebrity
            db.session.commit()
            return made.id

    return make


@pytest.fixture()
def logged_in(app: Flask) -> Callable[[str, int], Browser]:
    """Return a factory: logged_in("docomo-N505i", member_id) browses as that member."""

    def make(name: str, member_id: int) -> Browser:
        profile = PROFILES[name]
        browser = Browser(app, profile)
        handset = carriers.detect(profile.user_agent, profile.headers)
        token = secrets.token_urlsafe(24)
        with app.app_context():  # in the app's store: the database, or Redis on commit
            session_store().save(SessionRecord(
                token_hash=hash_token(token), binding=binding_for(handset),
                csrf_token=secrets.token_urlsafe(24), data={"auth": "password"},
                member_id=member_id, created_at=utcnow(), last_seen_at=utcnow()), None)
            db.session.commit()
        browser.token = token
        return browser

    return make


def four_people(app: Flask, member: Callable[..., int]) -> dict[str, int]:
    """Add the owner (はなこ), a friend (とも), a friend's friend (ともとも) and a stranger
    (たにん): every relation a viewer may have to what the owner shows."""
    found = {"owner": member("はなこ"), "friend": member("とも"),
             "friend_of_friend": member("ともとも"), "stranger": member("たにん")}
    befriend(app, found["owner"], found["friend"])
    befriend(app, found["friend"], found["friend_of_friend"])
    return found


@pytest.fixture()
def people(app: Flask, member: Callable[..., int]) -> dict[str, int]:
    """The owner, a friend, a friend's friend and a stranger (see four_people)."""
    return four_people(app, member)


def befriend(app: Flask, a: int, *others: int) -> None:
    """Make a friends with each of others, directly in the database."""
    with app.app_context():
        rows = [{"member_id": x, "friend_id": y, "created_at": utcnow()}
                for other in others for x, y in ((a, other), (other, a))]
        db.session.execute(insert(Friendship), rows)
        feed.refresh_all()
        db.session.commit()


def recount(app: Flask, *ids: int) -> None:
    """Write the friend counts of members as the friendships say."""
    from keitai.features.friends.limits import refresh_counts

    with app.app_context():
        refresh_counts(list(ids))
        db.session.commit()


def crowd(app: Flask, n: int, prefix: str = "crowd") -> list[int]:
    """Add n members in one statement; return their ids."""
    now = utcnow()
    with app.app_context():
        ids = db.session.scalars(insert(Member).returning(Member.id), [
            {"nickname": f"{prefix}{i}", "email": f"{prefix}{i}@example.com",
             "password_hash": "x", "real_name": "", "created_at": now} for i in range(n)]).all()
        db.session.commit()
        return sorted(ids)


def block(app: Flask, blocker: int, blocked: int) -> None:
    """Let blocker block blocked, directly in the database."""
    with app.app_context():
        db.session.add(Block(blocker_id=blocker, blocked_id=blocked))
        db.session.commit()


def access_key(text: str, key: str, label: str) -> bool:
    """Return True when the page has a link on `key` whose text ends with label."""
    pattern = rf'accesskey="{re.escape(key)}">(?:(?!</a>).)*{re.escape(label)}</a>'
    return re.search(pattern, text, re.S) is not None


