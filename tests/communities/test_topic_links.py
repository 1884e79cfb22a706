"""A topic's and its comments' addresses and numbers are links, as in a diary."""
from __future__ import annotations

import html
import re
from urllib.parse import quote

import pytest

from tests.communities.factories import add_comments, add_topic
from tests.diary.browsing import check_page


@pytest.mark.parametrize("name", ["docomo-N505i", "au-W53CA", "softbank-930SH", "pc-Firefox"])
def test_a_topics_and_a_comments_addresses_are_links(app, member, browse, community,
                                                    name: str) -> None:
    taro = member("たろう")
    community_id = community(taro)
    topic_id = add_topic(app, community_id, taro, body="会場 http://example.org/hall。")
    add_comments(app, topic_id, taro, 1, body="幹事 kanji@example.jp 0120-123-456")
    browser = browse(name, taro)
    text = check_page(browser, browser.get(f"/topics/{topic_id}"))
    hrefs = [html.unescape(h) for h in re.findall(r'<a href="([^"]*)"', text)]
    assert f"/exit?url={quote('http://example.org/hall', safe='')}" in hrefs
    assert "http://example.org/hall</a>。" in text
    assert "mailto:kanji@example.jp" in hrefs
    assert ("tel:0120123456" in hrefs) is (browser.handset.carrier != "pc")
    assert not any("ksid" in h for h in hrefs if h.startswith(("/exit", "mailto", "tel")))
