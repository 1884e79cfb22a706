"""News tests: the social tests' members and handsets, news items written in the database as
the worker writes them, and the feed server for the worker's fetches."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest
from flask import Flask

from keitai.db import db
from keitai.models.base import utcnow
from keitai.models.news import NewsFeed, NewsItem
from tests.social.conftest import Browser, logged_in, member  # noqa: F401

#: one handset of each markup family: docomo cHTML without cookies (and the smallest page),
#: docomo XHTML, au, SoftBank 3G and J-PHONE, a smartphone, a PC
HANDSETS = ["docomo-N505i", "docomo-D501i", "docomo-P903i", "au-W53CA", "softbank-930SH",
            "softbank-J-SH51", "smartphone-iPhone", "pc-Firefox"]
TAGS = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """Return a page's text without its tags."""
    return TAGS.sub("", text)


def add_item(app: Flask, title: str, *, category: str = "domestic", source: str = "けいたい新聞",
             summary: str = "あらましです。", minutes_ago: float = 0, link: str | None = None,
             picked_minutes_ago: float | None = None) -> int:
    """Add a news item as the worker would store it; return its id."""
    now = utcnow()
    with app.app_context():
        item = NewsItem(category=category, title=title, summary=summary, source=source,
                        link=link or f"https://news.example.com/{category}/{title}",
                        published_at=now - timedelta(minutes=minutes_ago),
                        picked_at=(None if picked_minutes_ago is None
                                   else now - timedelta(minutes=picked_minutes_ago)))
        db.session.add(item)
        db.session.commit()
        return item.id


def add_feed(app: Flask, url: str, category: str = "domestic") -> int:
    """Register a feed, due now; return its id."""
    with app.app_context():
        feed = NewsFeed(url=url, category=category, title="", failures=0,
                        next_fetch_at=utcnow() - timedelta(seconds=1))
        db.session.add(feed)
        db.session.commit()
        return feed.id


@pytest.fixture()
def newsroom(app: Flask) -> dict[str, list[int]]:
    """25 items in 国内 (every minute older), 3 in スポーツ, 2 of them picked."""
    domestic = [add_item(app, f"国内のニュース{n:02d}", minutes_ago=n) for n in range(25)]
    sports = [add_item(app, f"スポーツのニュース{n}", category="sports", source="スポーツ速報",
                       minutes_ago=30 + n) for n in range(3)]
    with app.app_context():
        for number, item_id in enumerate((sports[2], domestic[5])):
            found = db.session.get(NewsItem, item_id)
            assert found is not None
            found.picked_at = utcnow() - timedelta(minutes=10 - number)
        db.session.commit()
    return {"domestic": domestic, "sports": sports}
