"""The demo's news: about forty items over every category, five picked, links on example
domains only; its pages clean for the site checker."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from keitai.db import db
from keitai.features.news.categories import CATEGORIES
from keitai.models import NewsFeed, NewsItem
from keitai.seed.news import add_demo_news
from tests.friend_lists.test_every_page import no_checker_errors


@pytest.fixture()
def demo(app) -> list[NewsItem]:
    with app.app_context():
        add_demo_news()
        db.session.commit()
        rows = list(db.session.scalars(select(NewsItem)))
        db.session.expunge_all()
        db.session.remove()
        return rows


def test_the_demo_news_covers_every_category_with_five_picks_and_no_feed(app, demo) -> None:
    assert 35 <= len(demo) <= 45
    assert {item.category for item in demo} == {category.slug for category in CATEGORIES}
    assert sum(item.picked_at is not None for item in demo) == 5
    for item in demo:
        parts = urlsplit(item.link)
        assert parts.scheme == "https" and (parts.hostname or "").endswith(
            (".example.com", ".example.net", ".example.org")), item.link
        assert item.source and item.summary
    with app.app_context():
        assert db.session.scalars(select(NewsFeed)).all() == []


@pytest.mark.parametrize("name", ["docomo-N505i", "au-W53CA", "softbank-J-SH51", "pc-Firefox"])
def test_the_demo_news_pages_are_clean(app, demo, member, logged_in, name) -> None:
    browser = logged_in(name, member("わたし"))
    paths = ["/", "/news", "/news/pickup", *(f"/news/{c.slug}" for c in CATEGORIES),
             *(f"/news/{item.id}" for item in demo[::4])]
    for path in paths:
        browser.page(path)
        no_checker_errors(app, browser, path, browser.get(path))
