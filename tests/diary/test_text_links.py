"""Addresses, mail addresses and phone numbers in members' text become links, on every kind of
handset: another site's through the exit page, ours with the session, all else escaped."""
from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from tests.diary.browsing import check_page, sun_bytes
from tests.diary.factories import add_comment, add_diaries

OFF_SITE = "http://example.com/a?b=1&c=2"
BODY = ("詳しくは " + OFF_SITE + "。\n"
        "前の日記→http://keitai.test/members/999?from=diary（見てね）\n"
        "メールは taro.y@example.jp まで、電話は 03-1234-5678、携帯 090-1234-5678\n"
        "<b>太字</b> javascript:alert(1) http://x.jp/\"><script>alert(1)</script>\n"
        "晴れ☀ www.example.org")
#: handset, whether it dials tel: links
CASES = [("docomo-N505i", True), ("au-W53CA", True), ("softbank-930SH", True),
         ("pc-Firefox", False)]


def _hrefs(text: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'<a href="([^"]*)"', text)]


@pytest.mark.parametrize(("name", "dials"), CASES)
def test_a_diarys_addresses_and_numbers_are_links(app, member, browse, name: str,
                                                   dials: bool) -> None:
    hanako = member("はなこ")
    [diary_id] = add_diaries(app, hanako, ["リンク"], body=BODY)
    browser = browse(name, hanako)
    page = browser.get(f"/diary/{diary_id}")
    text = check_page(browser, page)
    hrefs = _hrefs(text)
    # another site's address: only through the exit page, which gets no session
    exits = [h for h in hrefs if h.startswith("/exit?")]
    targets = [parse_qs(urlsplit(h).query)["url"][0] for h in exits]
    assert OFF_SITE in targets and "http://www.example.org" in targets
    assert not any(h.startswith(("http://example.com", "http://www.example")) for h in hrefs)
    assert all("ksid" not in h and "/exit" not in t for h, t in zip(exits, targets, strict=True))
    assert f"/exit?url={quote(OFF_SITE, safe='')}" in hrefs  # wrapped once, never twice
    # ours: a same-site link, with the session where the handset keeps no cookie
    [own] = [h for h in hrefs if h.startswith("/members/999?from=diary")]
    assert ("ksid=" in own) is (not browser.handset.cookies)
    assert "mailto:taro.y@example.jp" in hrefs
    assert ("tel:0312345678" in hrefs and "tel:09012345678" in hrefs) is dials
    assert "03-1234-5678" in text and "090-1234-5678" in text
    assert not any(h.startswith("tel:") for h in hrefs) or dials
    # punctuation after an address is the sentence's
    assert f"{html.escape(OFF_SITE)}</a>。" in text
    assert "/members/999?from=diary</a>（見てね）" in text
    # the member's HTML stays text; no script address becomes a link
    assert "&lt;b&gt;太字&lt;/b&gt;" in text and "<b>太字" not in text
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert not any(h.lower().lstrip().startswith("javascript") for h in hrefs)
    assert not any('"' in h or "<" in h for h in hrefs)
    assert sun_bytes(name) in page.body  # emoji still converted for the handset


@pytest.mark.parametrize("name", ["docomo-N505i", "softbank-930SH"])
def test_a_comments_address_goes_through_the_exit_page(app, member, browse, name: str) -> None:
    hanako = member("はなこ")
    [diary_id] = add_diaries(app, hanako, ["コメント"])
    add_comment(app, diary_id, hanako, body="ここ https://example.net/x)」")
    browser = browse(name, hanako)
    text = check_page(browser, browser.get(f"/diary/{diary_id}"))
    exit_link = f"/exit?url={quote('https://example.net/x', safe='')}"
    assert exit_link in _hrefs(text)
    assert "https://example.net/x</a>)」" in text
    exit_page = browser.get(exit_link)
    assert exit_page.status_int == 200 and "https://example.net/x" in browser.text(exit_page)
