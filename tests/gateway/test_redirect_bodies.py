"""Every redirect carries a short Japanese page in the handset's charset and markup, whose
link is the Location as sent (with the session where the handset keeps no cookie)."""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import pytest

from tests.handsets import page_forms

#: handset, the charset its pages are read in, whether it is written XHTML, keeps cookies
CASES = [("docomo-N505i", "cp932", False, False), ("docomo-P903i", "cp932", True, False),
         ("au-W53CA", "cp932", True, True), ("au-HI01", "cp932", False, True),
         ("softbank-930SH", "utf-8", True, True), ("softbank-J-SH51", "cp932", False, False),
         ("pc-Firefox", "utf-8", False, True)]
LABELS = {"cp932": "Shift_JIS", "utf-8": "UTF-8"}


def _posted(client):  # type: ignore[no-untyped-def]
    """Post the note form as the handset would; return the redirect it answers."""
    form = page_forms(client.get("/_t/note"))[0]
    return client.post(html.unescape(form.action), {**form.fields, "note": "memo"})


@pytest.mark.parametrize(("name", "charset", "xhtml", "cookies"), CASES)
def test_a_redirect_says_so_in_japanese_with_a_link_to_the_location(
        handset, name: str, charset: str, xhtml: bool, cookies: bool) -> None:
    response = _posted(handset(name))
    assert response.status_int in (302, 303)
    location = response.headers["Location"]
    assert response.headers["Content-Type"].endswith(f"; charset={LABELS[charset]}")
    assert response.headers["Content-Length"] == str(len(response.body))
    text = response.body.decode(charset)  # strict: every byte reads in the handset's charset
    assert "移動しました" in text and "Redirecting" not in text
    hrefs = re.findall(r'<a href="([^"]+)"', text)
    assert [html.unescape(href) for href in hrefs] == [location]
    assert ("ksid=" in location) is (not cookies)  # the link carries what the Location does
    if xhtml:  # the handset's XML parser must read it
        ET.fromstring(text.split("?>", 1)[1].split(">", 1)[1])
        assert response.headers["Content-Type"].startswith("application/xhtml+xml")
    else:
        assert response.headers["Content-Type"].startswith("text/html")


def test_the_link_of_a_redirect_leads_where_the_location_does(handset) -> None:
    client = handset("docomo-N505i")
    response = _posted(client)
    href = html.unescape(re.search(r'<a href="([^"]+)"', response.body.decode("cp932"))[1])
    assert "note=memo" in client.get(href).body.decode("cp932")


def test_a_site_redirect_has_the_same_body(handset) -> None:
    response = handset("docomo-N505i").get("/diary/new", expect_errors=True)  # login first
    assert response.status_int in (301, 302, 303)
    text = response.body.decode("cp932")
    assert "移動しました" in text
    assert html.unescape(re.search(r'<a href="([^"]+)"', text)[1]) == response.headers["Location"]
