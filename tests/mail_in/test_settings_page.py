"""The posting-address page (/settings/mail_post) on every handset: make, show, renew."""
from __future__ import annotations

import re

import pytest
from flask import Flask

from keitai.db import db
from keitai.features.albums.service import create_album
from tests.diary.browsing import Browser, add_member, check_page, log_in
from tests.handsets import PAGE_PROFILES
from tests.mail_in.posting import DOMAIN

_ADDRESS = re.compile(r"([ma]-[a-z2-7]{16}@" + re.escape(DOMAIN) + ")")


@pytest.fixture()
def app(app: Flask) -> Flask:
    """Give the app with cheap password hashing and the test posting domain."""
    app.config.update(MAIL_IN_DOMAIN=DOMAIN, ARGON2_TIME_COST=1, ARGON2_MEMORY_KIB=1024)
    return app


def _member(app: Flask, email: str = "taro@ezweb.ne.jp") -> int:
    return add_member(app, "たろう", email)


def _press(browser: Browser, path: str) -> str:
    """Press the page's button, follow the redirect; return the page shown."""
    page = browser.get(path)
    done = browser.submit(page, {})
    assert browser.location(done) == path
    return check_page(browser, browser.get(path))


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_member_makes_renews_and_mails_their_posting_address(app: Flask, name: str) -> None:
    _member(app)
    browser = log_in(app, name, "taro@ezweb.ne.jp")
    first = check_page(browser, browser.get("/settings/mail_post"))
    assert _ADDRESS.search(first) is None and "アドレスを作る" in first
    shown = _press(browser, "/settings/mail_post")
    address = _ADDRESS.search(shown)
    assert address is not None and address.group(1).startswith("m-")
    assert f'href="mailto:{address.group(1)}"' in shown
    assert "件名が日記のタイトル" in shown and "投稿用アドレスを作りました" in shown
    renewed = _press(browser, "/settings/mail_post")
    again = _ADDRESS.search(renewed)
    assert again is not None and again.group(1) != address.group(1)
    assert "前のアドレスにはもう送れません" in renewed


def test_the_settings_menu_links_to_the_page(app: Flask) -> None:
    _member(app)
    browser = log_in(app, "docomo-N505i", "taro@ezweb.ne.jp")
    assert "/settings/mail_post" in browser.text(browser.get("/settings"))


def test_a_member_without_a_handset_address_is_asked_to_register_one(app: Flask) -> None:
    _member(app, "taro@example.com")
    browser = log_in(app, "pc-Firefox", "taro@example.com")
    page = check_page(browser, browser.get("/settings/mail_post"))
    assert "携帯のメールアドレスの登録" in page and _ADDRESS.search(page) is None


@pytest.mark.parametrize("name", ["docomo-N505i", "au-W53CA", "softbank-930SH", "pc-Firefox"])
def test_each_album_gets_an_address_of_its_own(app: Flask, name: str) -> None:
    member = _member(app)
    with app.app_context():
        album_id = create_album(member, "旅行", "", "everyone", "k" * 16)
        db.session.commit()
    browser = log_in(app, name, "taro@ezweb.ne.jp")
    assert "/settings/mail_post/albums" in browser.text(browser.get("/settings/mail_post"))
    listing = check_page(browser, browser.get("/settings/mail_post/albums"))
    assert "旅行" in listing
    shown = _press(browser, f"/settings/mail_post/albums/{album_id}")
    address = _ADDRESS.search(shown)
    assert address is not None and address.group(1).startswith("a-")
    assert "(作成済み)" in browser.text(browser.get("/settings/mail_post/albums"))


def test_another_members_album_has_no_address_page(app: Flask) -> None:
    owner = _member(app)
    _member(app, "hanako@docomo.ne.jp")
    with app.app_context():
        album_id = create_album(owner, "秘密", "", "everyone", "k" * 16)
        db.session.commit()
    browser = log_in(app, "pc-Firefox", "hanako@docomo.ne.jp")
    for method in (browser.get, browser.client.post):
        refused = method(browser.url(f"/settings/mail_post/albums/{album_id}"), status="*")
        assert refused.status_int in (400, 403, 404)
        assert _ADDRESS.search(refused.body.decode("utf-8", "replace")) is None
