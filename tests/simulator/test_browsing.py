"""Browsing as a handset: cookies kept or dropped, redirects, pages of our app, form bytes."""
from __future__ import annotations

import json

import pytest
from flask import Flask

from tests.simulator.conftest import Browse


def sent_cookie(page) -> str | None:  # type: ignore[no-untyped-def]
    return json.loads(page.exchange.body)["cookie"]


def test_a_handset_without_cookies_never_sends_one_back(browse: Browse, echo_site: Flask) -> None:
    n505i = browse("docomo-N505i", echo_site)
    n505i.open("/cookie")
    assert sent_cookie(n505i.open("/cookie")) is None


def test_a_handset_with_cookies_keeps_them_in_a_jar_that_outlives_the_browser(
        browse: Browse, echo_site: Flask) -> None:
    browse("docomo-N06A", echo_site).open("/cookie")
    assert sent_cookie(browse("docomo-N06A", echo_site).open("/cookie")) == "visit=1"
    assert sent_cookie(browse("au-W53CA", echo_site).open("/cookie")) is None  # its own jar


def test_a_redirect_is_followed_as_the_handset_and_guid_on_in_its_target_counts(
        browse: Browse, echo_site: Flask) -> None:
    page = browse("docomo-N505i", echo_site).open("/redirect?to=/echo%3Fguid%3DON")
    echoed = json.loads(page.exchange.body)
    assert echoed["headers"]["X-Dcmguid"] == page.profile.ids["guid"]
    assert page.exchange.redirects == [(302, "http://keitai.test/redirect?to=/echo%3Fguid%3DON")]
    assert page.url == "http://keitai.test/echo?guid=ON"


def test_a_post_answered_with_303_is_fetched_again_with_get(browse: Browse,
                                                            echo_site: Flask) -> None:
    page = browse("au-W53CA", echo_site).open(
        "/redirect?to=/echo&code=303", "POST", [("a", "1")])
    assert json.loads(page.exchange.body)["method"] == "GET"


def test_our_handset_page_reads_as_shift_jis_with_the_gateway_and_id_seen(
        browse: Browse, app: Flask) -> None:
    n505i = browse("docomo-N505i", app)
    page = n505i.open("/handset")
    assert page.charset == "shift_jis"
    assert "機種: N505i" in page.document.text
    assert "ゲートウェイ経由: はい" in page.document.text
    assert "subscriber_id" not in page.document.text
    again = n505i.open(next(link.url for link in page.document.links if link.key == "5"))
    assert "(subscriber_id): " + page.profile.ids["guid"][:3] in again.document.text


@pytest.mark.parametrize(("name", "sent"), [
    ("docomo-N505i", "%F8%9F"), ("au-W53CA", "%F6%60"), ("softbank-930SH", "%EE%81%8A")])
def test_a_form_goes_out_in_the_handsets_bytes_and_the_app_reads_the_emoji(
        browse: Browse, app: Flask, name: str, sent: str) -> None:
    browser = browse(name, app)
    page = browser.open("/handset")
    form = page.document.forms[0]
    pairs = [(c.name, "☀" if c.name == "sample" else c.value) for c in form.controls
             if c.name]
    answer = browser.open(form.action, form.method, pairs, charset=page.charset)
    assert f"sample={sent}" in answer.url
    assert "U+2600" in answer.document.text
    assert "☀" in answer.document.text
