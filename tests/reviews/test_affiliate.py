"""The affiliate link: built from KEITAI_AFFILIATE_TEMPLATE, shown through /exit, absent
without a template or without the values its placeholders need."""
from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from keitai.features.reviews.affiliate import affiliate_url
from tests.reviews.conftest import HANDSETS, ISBN10, ISBN13, JAN, add_item

SHOP = "https://shop.example.jp/item?isbn={isbn}&ref=keitai"


def test_each_placeholder_takes_its_value_url_quoted() -> None:
    assert affiliate_url(SHOP, ISBN13, "本") == \
        f"https://shop.example.jp/item?isbn={ISBN13}&ref=keitai"
    assert affiliate_url("http://a.example/{isbn10}", ISBN13, "本") == f"http://a.example/{ISBN10}"
    assert affiliate_url("http://a.example/{jan}", ISBN13, "本") == f"http://a.example/{ISBN13}"
    assert affiliate_url("http://a.example/{jan}", JAN, "x") == f"http://a.example/{JAN}"
    assert affiliate_url("http://a.example/s?q={title}", None, "夏 & 海") == \
        "http://a.example/s?q=%E5%A4%8F%20%26%20%E6%B5%B7"


@pytest.mark.parametrize("template, code", [
    (None, ISBN13), ("", ISBN13),
    (SHOP, None),  # no identifier
    (SHOP, JAN),  # a JAN is no ISBN
    ("http://a.example/{isbn10}", "9790230000000"),  # a 979 ISBN has no ISBN-10
    ("http://a.example/{asin}", ISBN13),  # a placeholder we do not know
    ("http://a.example/{isbn!r}", ISBN13), ("http://a.example/{isbn", ISBN13),
    ("http://a.example/{}", ISBN13),
    ("javascript:alert({isbn})", ISBN13), ("ftp://a.example/{isbn}", ISBN13),
    ("{isbn}", ISBN13),
])
def test_no_link_without_a_template_a_value_or_a_web_address(template, code) -> None:
    assert affiliate_url(template, code, "本") is None


def exit_target(text: str, label: str) -> str | None:
    for href, inner in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', text, re.S):
        if label in inner:
            parts = urlsplit(html.unescape(href))
            assert parts.path == "/exit" and not parts.netloc, href
            return parse_qs(parts.query)["url"][0]
    return None


@pytest.mark.parametrize("name", HANDSETS)
def test_an_items_page_links_to_the_shop_through_exit(app, member, logged_in, name) -> None:
    app.config["AFFILIATE_TEMPLATE"] = SHOP
    me = member("わたし")
    book = add_item(app, me)
    bare = add_item(app, me, "東京ぶらり散歩手帖", code=None)
    cd = add_item(app, me, "Summer Signal", "cd", JAN)
    browser = logged_in(name, me)
    text = browser.page(f"/reviews/items/{book}")
    assert exit_target(text, "この商品を買う") == \
        f"https://shop.example.jp/item?isbn={ISBN13}&ref=keitai"
    assert "ksid" not in exit_target(text, "この商品を買う")
    for item in (bare, cd):
        assert "この商品を買う" not in browser.page(f"/reviews/items/{item}")
    app.config["AFFILIATE_TEMPLATE"] = None
    assert "この商品を買う" not in browser.page(f"/reviews/items/{book}")
