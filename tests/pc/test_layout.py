"""The layout of PC and smartphone pages: header, the page, the member's menu and their
communities and friends around it, the bottom bar; a visitor's single column."""
from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from sqlalchemy import select

from keitai.db import db
from keitai.features.friends import service as friends
from keitai.models.friendship import FriendRequest
from tests.communities.factories import add_community
from tests.handsets import client_for
from tests.social.conftest import Browser, befriend, recount

pytestmark = pytest.mark.stores

#: the layout's regions, in the order of the document
_REGIONS = ('<header class="k-header">', '<main class="k-main" id="k-main">',
            '<nav class="k-menu" id="k-menu" aria-label="メニュー">',
            '<aside class="k-side"', '<nav class="k-tabbar"')
MENU = ["ホーム", "プロフィール", "日記", "マイミク", "コミュニティ", "フォトアルバム", "動画",
        "ミニメール", "足あと", "お気に入り", "ニュース", "レビュー", "ミュージック", "設定"]


def region(text: str, start: str, end: str) -> str:
    """Return the part of a page from start to the next end."""
    at = text.index(start)
    return text[at:text.index(end, at)]


@pytest.mark.parametrize("name", ["pc-Firefox", "smartphone-iPhone"])
def test_a_member_gets_the_header_the_page_the_menu_the_side_and_the_bottom_bar(
        app: Flask, member: Callable[..., int], logged_in: Callable[[str, int], Browser],
        name: str) -> None:
    me, taro = member("わたし"), member("たろう")
    befriend(app, me, taro)
    recount(app, me)
    add_community(app, taro, "ねこの会", members=(me,))
    text = logged_in(name, me).page("/")
    assert '<body class="k-member">' in text
    places = [text.index(mark) for mark in _REGIONS]
    assert places == sorted(places)
    assert text.count("<h1>") == 1 and text.index("<h1>") > places[1]
    menu = region(text, '<nav class="k-menu"', "</nav>")
    assert "わたしさん" in menu
    links = re.findall(r'<li><a href="[^"]+"[^>]*>([^<]+)</a></li>', menu)
    assert all(item in links for item in MENU)
    side = region(text, '<aside class="k-side"', "</aside>")
    assert ">ねこの会</a>" in side and ">たろう</a>" in side and "マイミク(1人)" in side
    bar = region(text, '<nav class="k-tabbar"', "</nav>")
    assert re.findall(r">([^<]+)</a>", bar) == ["ホーム", "日記", "マイミク", "ミニメール",
                                                 "メニュー"]
    assert 'href="#k-menu"' in bar


@pytest.mark.parametrize("name", ["pc-Firefox", "smartphone-Android"])
def test_a_visitor_gets_one_column_without_menu_side_or_bar(app: Flask, name: str) -> None:
    text = client_for(app, name).get("/login").text
    assert '<body class="k-visitor">' in text and '<main class="k-main" id="k-main">' in text
    assert '<header class="k-header">' in text
    assert "k-menu" not in text and "k-side" not in text and "k-tabbar" not in text


def test_the_current_page_is_marked_in_the_menu(
        app: Flask, member: Callable[..., int], logged_in: Callable[[str, int], Browser]) -> None:
    me = member("わたし")
    text = logged_in("pc-Firefox", me).page("/friends")
    menu = region(text, '<nav class="k-menu"', "</nav>")
    assert re.findall(r'aria-current="page">([^<]+)<', menu) == ["マイミク"]


def test_the_side_shows_a_new_friend_and_forgets_a_removed_one_at_once(
        app: Flask, member: Callable[..., int], logged_in: Callable[[str, int], Browser]) -> None:
    me, hanako = member("わたし"), member("はなこ")
    browser = logged_in("pc-Firefox", me)
    assert ">はなこ</a>" not in region(browser.page("/"), '<aside', "</aside>")
    with app.app_context():
        friends.send_request(me, hanako, "よろしく", True)
        db.session.commit()
        request_id = db.session.scalar(select(FriendRequest.id))
        friends.accept_request(int(request_id or 0), hanako)
        db.session.commit()
    side = region(browser.page("/"), '<aside', "</aside>")
    assert ">はなこ</a>" in side and "マイミク(1人)" in side
    with app.app_context():
        friends.remove_friend(me, hanako)
        db.session.commit()
    side = region(browser.page("/"), '<aside', "</aside>")
    assert ">はなこ</a>" not in side and "マイミク(0人)" in side


def test_a_nickname_change_shows_in_the_menu_at_once(
        app: Flask, member: Callable[..., int], logged_in: Callable[[str, int], Browser]) -> None:
    from keitai.features.profile import service as profiles

    me = member("わたし")
    browser = logged_in("smartphone-iPhone", me)
    assert "わたしさん" in region(browser.page("/"), '<nav class="k-menu"', "</nav>")
    with app.app_context():
        profiles.update_introduction(me, "あたらしい名前", "", "everyone")
        db.session.commit()
    assert "あたらしい名前さん" in region(browser.page("/"), '<nav class="k-menu"', "</nav>")

