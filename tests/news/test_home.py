"""Home's ニュース area: three headlines, the operators' latest picks first, then the newest;
read from Redis with home's other keys, and one statement more without it."""
from __future__ import annotations

import re
import unicodedata

import pytest

from keitai.db import db
from keitai.features.news import service
from tests.news.conftest import HANDSETS, add_item, plain
from tests.social.conftest import Browser
from tests.sql import counting_sql

pytestmark = pytest.mark.stores


def news_area(text: str) -> list[str]:
    """Return the lines of home's ニュース area (its heading a handset's line, a PC or
    smartphone's <h2>)."""
    start = min(at for at in (text.find("ニュース</div>"), text.find("ニュース</h2>")) if at >= 0)
    area = plain(text[start:text.index("<hr", start)])
    # a pick is marked with a star (or the handset's text for it) before its title
    return [line.strip() for line in area.split("\n")[1:] if line.strip()]


def titles(lines: list[str]) -> list[str]:
    """Return the lines without the pick's star."""
    unmarked = [re.sub(r"\x1b\$[^\x0f]*\x0f|^\[[^]]*\]", "", line) for line in lines]
    return ["".join(char for char in line if unicodedata.category(char) not in ("Co", "So"))
            for line in unmarked]


@pytest.mark.parametrize("name", HANDSETS)
def test_home_shows_three_headlines_the_latest_pick_first(app, member, logged_in, name,
                                                          store) -> None:
    add_item(app, "いちばん新しい記事", minutes_ago=1)
    add_item(app, "二番目の記事", minutes_ago=2)
    add_item(app, "三番目の記事", minutes_ago=3)
    picked = add_item(app, "運営のおすすめ記事", minutes_ago=600, source="エンタメナビ",
                      picked_minutes_ago=5)
    browser: Browser = logged_in(name, member("わたし"))
    text = browser.page("/")
    lines = news_area(text)
    assert titles(lines) == ["運営のおすすめ記事(エンタメナビ)", "いちばん新しい記事(けいたい新聞)",
                             "二番目の記事(けいたい新聞)"]
    assert lines[0] != titles(lines)[0] and lines[1] == titles(lines)[1]  # the pick's star
    shown = browser.click(browser.get("/"), "運営のおすすめ記事")
    assert f"/news/{picked}" in shown.request.url


def test_home_without_news_shows_no_news_area(app, member, logged_in) -> None:
    text = logged_in("docomo-N505i", member("わたし")).page("/")
    assert "ニュース</div>" not in text and "ニュース</a>" in text  # the menu still links it


def test_a_pick_leads_home_for_a_day_and_leaves_when_unpicked(app, member, logged_in,
                                                             store) -> None:
    add_item(app, "きのうのおすすめ", minutes_ago=3000, picked_minutes_ago=25 * 60)
    add_item(app, "新しい記事", minutes_ago=1)
    pick = add_item(app, "きょうのおすすめ", minutes_ago=2000)
    browser = logged_in("docomo-P903i", member("わたし"))
    assert titles(news_area(browser.page("/")))[0] == "新しい記事(けいたい新聞)"
    with app.app_context():
        service.pick(pick)
        db.session.commit()
    assert titles(news_area(browser.page("/")))[0] == "きょうのおすすめ(けいたい新聞)"
    with app.app_context():
        service.unpick(pick)
        db.session.commit()
    lines = titles(news_area(browser.page("/")))
    assert lines == ["新しい記事(けいたい新聞)", "きょうのおすすめ(けいたい新聞)",
                     "きのうのおすすめ(けいたい新聞)"]


def test_the_news_area_costs_no_statement_with_redis_and_one_without(app, member, logged_in,
                                                                      store) -> None:
    for n in range(5):
        add_item(app, f"記事{n}", minutes_ago=n, picked_minutes_ago=n if n < 2 else None)
    browser = logged_in("docomo-P903i", member("わたし"))
    browser.get("/")
    with counting_sql(app) as statements:
        text = browser.page("/")
    assert len(news_area(text)) == 3
    # without Redis: the session, the card, the counts, the feed, the topics, the
    # announcements, the member's reads of them and notices, and the headlines' one statement
    assert len(statements) == (0 if store == "redis" else 9)
    if store != "redis":
        assert sum("news_items" in statement for statement in statements) == 1


def test_a_fetch_that_brings_news_refreshes_the_kept_home(app, member, logged_in, store,
                                                          feed_server) -> None:
    from keitai.features.news.refresh import refresh
    from keitai.models.base import utcnow
    from tests.news.conftest import add_feed
    from tests.news.feeds import rss

    feed_server.allow(app)
    add_item(app, "前からある記事", minutes_ago=60)
    browser = logged_in("docomo-P903i", member("わたし"))
    assert titles(news_area(browser.page("/"))) == ["前からある記事(けいたい新聞)"]
    feed_id = add_feed(app, feed_server.serve("/news.xml", rss("みなと新聞", [
        ("届いたばかりの記事", "https://news.example.com/new", utcnow())])))
    with app.app_context():
        refresh(feed_id)
        db.session.commit()
    assert titles(news_area(browser.page("/"))) == ["届いたばかりの記事(みなと新聞)",
                                                    "前からある記事(けいたい新聞)"]


def test_home_and_the_lists_fit_the_smallest_handset_with_the_longest_headlines(
        app, member, logged_in) -> None:
    from keitai.models.news import ITEM_TITLE_MAX, SOURCE_MAX

    for n in range(12):
        add_item(app, f"{n:02d}" + "長" * (ITEM_TITLE_MAX - 2), source="源" * SOURCE_MAX,
                 category="it", minutes_ago=n, picked_minutes_ago=n if n < 6 else None)
    browser = logged_in("docomo-D501i", member("わたし"))
    lines = news_area(browser.page("/"))  # within the page's limit
    assert len(lines) == 3 and all("…" in line for line in lines)
    for path in ("/news", "/news/it", "/news/pickup"):
        text = browser.page(path)
        assert "長" * 37 + "…" in text and "源" * 19 + "…" in text
