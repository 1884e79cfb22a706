"""お知らせ tests: the social tests' members and handsets, announcements and notices written
through the service as the operators' console writes them."""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from flask import Flask

from keitai.db import db
from keitai.features.announcements import service
from keitai.models.base import utcnow
from tests.social.conftest import Browser, logged_in, member  # noqa: F401

#: one page per kind of handset: docomo without cookies (the smallest page, and i-mode
#: XHTML), au, SoftBank 3G and J-PHONE, a PC
HANDSETS = ["docomo-D501i", "docomo-N505i", "docomo-P903i", "au-W53CA", "softbank-930SH",
            "softbank-J-SH51", "pc-Firefox"]
TAGS = re.compile(r"<[^>]+>")


def publish(app: Flask, operator: int, title: str, body: str = "本文です。",
            days_ago: float = 0) -> int:
    """Publish an announcement as its own committed unit, `days_ago` days back; return its
    id."""
    with app.app_context():
        made = service.publish(title, body, operator)
        made.published_at = utcnow() - timedelta(days=days_ago)
        db.session.commit()
        return made.id


def run(app: Flask, action: Callable[[], object]) -> object:
    """Run one write as its own committed unit, as a request by an operator would."""
    with app.app_context():
        result = action()
        db.session.commit()
        return getattr(result, "id", result)


def plain(text: str) -> str:
    """Return a page's text without its tags."""
    return TAGS.sub("", text)


def home_section(text: str) -> str:
    """Return the お知らせ area of a home page (from its heading to the friends' diaries): a
    handset's line, a PC or smartphone's <h2>."""
    start = min(at for at in (text.find("お知らせ</div>"), text.find("お知らせ</h2>")) if at >= 0)
    return text[start:text.index("マイミクの最新日記")]


def open_home(browser: Browser) -> str:
    """Open home, checking what every page must be for the handset; return its text."""
    return browser.page("/")
