"""What PC and smartphone pages show in their own way: section titles as <h2>, pages of a list
by number, photos as thumbnails linked to the larger photo; the site checker finds no error."""
from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from flask import Flask
from PIL import Image

from keitai.db import db
from keitai.features.profile import photo_service
from tests.albums.conftest import make_album, make_photo, photo_bytes
from tests.friend_lists.test_every_page import no_checker_errors
from tests.social.conftest import Browser, befriend, crowd

HEADINGS = re.compile(r"<(h[1-6])[^>]*>")


def main_of(text: str) -> str:
    """Return the page inside <main>."""
    return text[text.index("<main"):text.index("</main>")]


@pytest.mark.parametrize("name", ["pc-Firefox", "smartphone-iPhone"])
def test_home_sections_are_h2_under_the_h1(app: Flask, member: Callable[..., int],
                                           logged_in: Callable[[str, int], Browser],
                                           name: str) -> None:
    me = member("わたし")
    page = main_of(logged_in(name, me).page("/"))
    for title in ("マイミクの最新日記", "コミュニティ最新書き込み"):
        assert f"<h2>{title}</h2>" in page and f"<div>{title}</div>" not in page
    assert HEADINGS.findall(page)[0] == "h1" and set(HEADINGS.findall(page)[1:]) == {"h2"}


def test_a_handset_keeps_its_section_lines(app: Flask, member: Callable[..., int],
                                           logged_in: Callable[[str, int], Browser]) -> None:
    text = logged_in("docomo-P903i", member("わたし")).page("/")
    assert "<div>マイミクの最新日記</div>" in text and "<h2>" not in text


def test_profile_sections_are_h2(app: Flask, member: Callable[..., int],
                                 logged_in: Callable[[str, int], Browser]) -> None:
    me = member("わたし")
    page = main_of(logged_in("pc-Firefox", me).page(f"/members/{me}"))
    assert "<h2>紹介文</h2>" in page and "<h2>コミュニティ</h2>" in page


def _pager(text: str) -> list[tuple[str, str]]:
    """Return the pager's links as (address, text), the current page's text starred."""
    found = re.search(r'<nav class="k-pager" aria-label="ページ">(.*?)</nav>', text, re.S)
    assert found is not None
    return [(href, text + ("*" if current else ""))
            for href, current, text in re.findall(
                r'<a href="([^"]+)"( aria-current="page")?[^>]*>([^<]+)</a>', found.group(1))]


@pytest.mark.parametrize("name", ["pc-Firefox", "smartphone-iPhone"])
def test_a_list_has_pages_by_number(app: Flask, member: Callable[..., int],
                                    logged_in: Callable[[str, int], Browser], name: str) -> None:
    me = member("わたし")
    befriend(app, me, *crowd(app, 101))  # 20 a page: six pages
    browser = logged_in(name, me)
    assert [text for _href, text in _pager(browser.page("/friends"))] == ["1*", "2", "次へ"]
    fifth = _pager(browser.page("/friends?page=5"))
    assert [text for _href, text in fifth] == ["前へ", "1", "3", "4", "5*", "6", "次へ"]
    assert dict((text, href) for href, text in fifth)["前へ"] == "/friends?page=4"
    assert '<span class="k-gap" aria-hidden="true">…</span>' in browser.page("/friends?page=5")
    last = _pager(browser.page("/friends?page=6"))
    assert [text for _href, text in last] == ["前へ", "1", "4", "5", "6*"]


def test_a_handset_keeps_its_previous_and_next_on_keys(
        app: Flask, member: Callable[..., int], logged_in: Callable[[str, int], Browser]) -> None:
    me = member("わたし")
    befriend(app, me, *crowd(app, 45))  # 20 a page
    text = logged_in("docomo-P903i", me).page("/friends?page=2")
    assert "k-pager" not in text and 'accesskey="4"' in text and 'accesskey="6"' in text


def _image_size(browser: Browser, src: str) -> tuple[int, int]:
    response = browser.get(src.replace("&amp;", "&"))
    return Image.open(io.BytesIO(response.body)).size


@pytest.mark.parametrize("name", ["pc-Firefox", "smartphone-iPhone"])
def test_an_album_shows_thumbnails_linked_to_each_photo(
        app: Flask, member: Callable[..., int], logged_in: Callable[[str, int], Browser],
        name: str) -> None:
    owner = member("はなこ")
    album = make_album(app, owner)
    first = make_photo(app, owner, album_id=album, caption="海")
    make_photo(app, owner, album_id=album, data=photo_bytes(300, 400))
    browser = logged_in(name, owner)
    text = browser.page(f"/albums/{album}")
    thumbs = re.findall(r'<a class="k-thumb" href="([^"]+)"><img src="([^"]+)" width="(\d+)" '
                        r'height="(\d+)" alt="([^"]+)" /></a>', text)
    assert [(w, h, alt) for _href, _src, w, h, alt in thumbs] == [
        ("120", "90", "海"), ("120", "160", "写真2")]
    assert thumbs[0][0] == f"/albums/photos/{first}" or thumbs[0][0].endswith(f"/{first}")
    assert _image_size(browser, thumbs[1][1]) == (120, 160)
    assert "<figcaption>海</figcaption>" in text


def test_a_profile_photo_is_a_thumbnail_linked_to_the_larger_one(
        app: Flask, member: Callable[..., int], logged_in: Callable[[str, int], Browser]) -> None:
    me = member("わたし")
    with app.app_context():
        photo_service.store_photo(me, photo_bytes(640, 480))
        db.session.commit()
    browser = logged_in("pc-Firefox", me)
    text = browser.page(f"/members/{me}")
    found = re.search(r'<a class="k-thumb" href="([^"]+)"><img src="([^"]+)" width="120" '
                      r'height="90" alt="わたしさんの写真" /></a>', text)
    assert found is not None
    large, small = found.groups()
    assert _image_size(browser, small) == (120, 90)
    assert _image_size(browser, large) == (240, 180)
    # the menu shows the same thumbnail: the browser fetches it once
    menu = text[text.index('<nav class="k-menu"'):]
    assert f'<img src="{small}"' in menu


@pytest.mark.parametrize("name", ["pc-Firefox", "smartphone-iPhone"])
def test_the_checker_finds_no_error_on_pc_and_smartphone_pages(
        app: Flask, member: Callable[..., int], logged_in: Callable[[str, int], Browser],
        name: str) -> None:
    me = member("わたし")
    befriend(app, me, *crowd(app, 30))
    album = make_album(app, me)
    make_photo(app, me, album_id=album)
    browser = logged_in(name, me)
    for path in ("/", f"/members/{me}", "/friends?page=2", f"/albums/{album}", "/communities"):
        no_checker_errors(app, browser, path, browser.get(path))
