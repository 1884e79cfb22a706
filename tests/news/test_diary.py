"""日記に書く: the new-diary form quotes the headline, its source and link; posting it makes
the member's diary."""
from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from keitai.db import db
from keitai.features.diary.service import TITLE_MAX
from keitai.models import Diary
from tests.handsets import page_text
from tests.news.conftest import add_item
from tests.social.conftest import access_key


def typed(page) -> tuple[str, str]:
    """Return the title and body the new-diary form holds."""
    text = page_text(page)
    title = re.search(r'name="title" value="([^"]*)"', text)
    body = re.search(r'<textarea(?: id="f-body")? name="body"[^>]*>(.*?)</textarea>', text,
                     re.S)
    assert title is not None and body is not None
    return html.unescape(title.group(1)), html.unescape(body.group(1))


@pytest.mark.parametrize("name", ["docomo-N505i", "docomo-P903i", "au-W53CA", "softbank-J-SH51",
                                  "smartphone-iPhone", "pc-Firefox"])
def test_writing_a_diary_from_a_news_item_quotes_it_and_posts(app, member, logged_in,
                                                              name) -> None:
    me = member("わたし")
    item = add_item(app, "駅前にイルミネーション、20万球が点灯", category="local",
                    source="まちかどニュース", link="https://local.example.com/lights.html")
    browser = logged_in(name, me)
    shown = browser.get(f"/news/{item}")
    assert access_key(browser.text(shown), "2", "日記に書く")
    form_page = browser.click(shown, "日記に書く")
    title, body = typed(form_page)
    assert title == "駅前にイルミネーション、20万球が点灯"
    assert "駅前にイルミネーション、20万球が点灯" in body and "まちかどニュース" in body
    assert "https://local.example.com/lights.html" in body
    browser.text(form_page)  # the form page in the handset's charset
    done = browser.submit(form_page, {"title": title, "body": body + "きれいでした。"})
    assert done.status_int == 302
    with app.app_context():
        diary = db.session.scalar(select(Diary).where(Diary.author_id == me))
        assert diary is not None
        assert diary.title == "駅前にイルミネーション、20万球が点灯"
        assert diary.body.endswith("きれいでした。") and "local.example.com" in diary.body


def test_a_long_headline_is_cut_to_the_diary_title_limit(app, member, logged_in) -> None:
    long = "長" * 120
    item = add_item(app, long)
    browser = logged_in("docomo-P903i", member("わたし"))
    form_page = browser.get(f"/diary/new?news={item}")
    title, body = typed(form_page)
    assert len(title) == TITLE_MAX and title.endswith("…") and long in body


@pytest.mark.parametrize("news", ["999999", "abc", "", "-1"])
def test_a_news_id_that_names_nothing_gives_the_blank_form(app, member, logged_in,
                                                           news) -> None:
    browser = logged_in("docomo-P903i", member("わたし"))
    form_page = browser.get(f"/diary/new?news={news}")
    assert form_page.status_int == 200
    assert typed(form_page) == ("", "")
