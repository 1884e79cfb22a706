"""A mini mail's addresses and numbers are links for its reader, as in a diary."""
from __future__ import annotations

import html
import re
from urllib.parse import quote

import pytest

from tests.diary.browsing import charset_of, check_page
from tests.messages.helpers import messages_between


@pytest.mark.parametrize("name", ["docomo-P903i", "au-W53CA", "softbank-930SH", "pc-Firefox"])
def test_a_sent_messages_address_mail_and_number_are_links(app, member, browse,
                                                           name: str) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    browser = browse(name, taro)
    form = browser.get(f"/messages/new?to={hanako}")
    charset = charset_of(form)
    body = "地図 https://example.com/map?q=1&z=2、連絡は hana@example.jp か 045-123-4567 へ"
    done = browser.submit(form, {"subject": "集合", "body": body.encode(charset)})
    assert browser.location(done) == "/messages/sent"
    [row] = messages_between(app, taro, hanako)
    text = check_page(browser, browser.get(f"/messages/{row.id}"))
    hrefs = [html.unescape(h) for h in re.findall(r'<a href="([^"]*)"', text)]
    assert f"/exit?url={quote('https://example.com/map?q=1&z=2', safe='')}" in hrefs
    assert "mailto:hana@example.jp" in hrefs
    assert ("tel:0451234567" in hrefs) is (browser.handset.carrier != "pc")
    assert "https://example.com/map?q=1&amp;z=2</a>、連絡は" in text
