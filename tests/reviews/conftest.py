"""Review tests: the social tests' members and handsets; items and reviews written through
the service as the pages write them, each in its own committed unit."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from flask import Flask
from sqlalchemy import select

from keitai import submit_keys
from keitai.db import db
from keitai.features.reviews import codes, service
from keitai.models.review import Review, ReviewItem
from tests.social.conftest import Browser, logged_in, member  # noqa: F401

#: one page per kind of handset: docomo without cookies (the smallest page, and i-mode
#: XHTML), au, SoftBank 3G and J-PHONE, a smartphone, a PC
HANDSETS = ["docomo-D501i", "docomo-N505i", "docomo-P903i", "au-W53CA", "softbank-930SH",
            "softbank-J-SH51", "smartphone-iPhone", "pc-Firefox"]
#: a book's ISBN-13 and ISBN-10, a CD's JAN (all with valid check digits)
ISBN13, ISBN10, JAN = "9784101010014", "4101010013", "4988002123452"
TAGS = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """Return a page's text without its tags."""
    return TAGS.sub("", text)


def run(app: Flask, action: Callable[[], Any]) -> Any:
    """Run one write as its own committed unit (a request of its own)."""
    with app.test_request_context():
        result = action()
        db.session.commit()
        return result


def add_item(app: Flask, member_id: int, title: str = "駅前喫茶の午後",
             category: str = "book", code: str | None = ISBN13, creator: str = "森川 透",
             maker: str = "青葉書房") -> int:
    """Register an item as a member would; return its id."""
    facts = service.ItemFacts(category, title, creator, maker, None,
                              codes.parse(code) if code else None)
    return int(run(app, lambda: service.register_item(member_id, facts,
                                                      submit_keys.new_key())))


def add_review(app: Flask, member_id: int, item_id: int, stars: int,
               body: str = "よかったです") -> int:
    """Write a member's review of an item; return its id."""
    return int(run(app, lambda: service.write_review(member_id, item_id, stars, body,
                                                     submit_keys.new_key())))


def item_counts(app: Flask, item_id: int) -> tuple[int, int]:
    """Return an item's stored review count and sum of stars."""
    with app.app_context():
        item = db.session.get(ReviewItem, item_id)
        assert item is not None
        found = (item.review_count, item.rating_sum)
        db.session.remove()
        return found


def review_rows(app: Flask, *where: Any) -> list[Review]:
    """Return the stored reviews, oldest first."""
    with app.app_context():
        rows = list(db.session.scalars(select(Review).where(*where).order_by(Review.id)))
        db.session.expunge_all()
        return rows


def typed_in(browser: Browser, text: str) -> str:
    """Return text as the handset puts it in a URL: percent-encoded in its charset."""
    charset = "cp932" if browser.handset.charset == "shift_jis" else "utf-8"
    return quote(text.encode(charset), safe="")


def form_key(text: str) -> str:
    """Return the submit key of the (first) form of a page."""
    found = re.search(r'name="k" value="([^"]+)"', text)
    assert found, "no submit key on the page"
    return found.group(1)


def open_page(browser: Browser, path: str) -> str:
    """Open a page, checking what every page must be for the handset; return its text."""
    return browser.page(path)
