"""A template written with single quotes, no quotes or capitals still keeps the session.

The page goes through the whole stack; lxml reads it as a browser would; its POST form is
then sent back as the handset sends it, and the CSRF secret the gateway added lets it in.
"""
from __future__ import annotations

from urllib.parse import urlencode, urlsplit

import pytest
from flask import Flask

from tests.gateway.crawl import Crawler, read_page
from tests.handsets import PROFILES, HandsetClient


@pytest.mark.parametrize("name", ["docomo-N505i", "docomo-P903i", "docomo-N06A", "au-W53CA",
                                  "softbank-J-SH51", "pc-Firefox"])
def test_a_carelessly_quoted_page_keeps_session_csrf_and_the_exit_page(app: Flask,
                                                                      name: str) -> None:
    crawler = Crawler(app, HandsetClient(app, PROFILES[name]))
    response, url = crawler.open("/_t/quoting")
    assert response.status_int == 200
    page = read_page(response, url, xml=False)  # unquoted values are no XML: read as HTML
    crawler.check_page(page)  # session, guid=ON, CSRF secret, the exit page
    exits = [link for link in page.links if urlsplit(link).path == "/exit"]
    assert len(exits) == 2 and not any("example.com" in urlsplit(link).netloc
                                       for link in page.links)
    ((form_url, fields),) = [(form.url, form.hidden) for form in page.forms
                             if form.method == "post"]
    charset = "cp932" if response.charset.lower() == "shift_jis" else "utf-8"
    body = urlencode({**{k: v[0] for k, v in fields.items()}, "note": "とどいた"},
                     encoding=charset)
    sent = crawler.client.post(form_url, body, content_type="application/x-www-form-urlencoded",
                               expect_errors=True)
    assert sent.status_int == 302, sent.status  # not refused: the CSRF secret was there
    shown, _url = crawler.open(sent.headers["Location"])
    assert "note=とどいた" in crawler.client.text(shown)
