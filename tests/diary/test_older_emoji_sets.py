"""A diary read on handsets that show part of their carrier's emoji: i-mode HTML 1.0–3.0
(basic emoji only) and SoftBank C types (E001–E257) get the text fallback of the others, and
no byte of an emoji outside their set; newer handsets of the same carriers get the emoji."""
from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask

from tests.diary.browsing import Browser, charset_of, check_page
from tests.diary.factories import add_diaries

SUN = "\u2600"  # docomo F89F, SoftBank E04A: in every set
WATCH = "\u231a"  # docomo E71F (F9C4), one of the 76 extended emoji
HIBISCUS = "\U0001f33a"  # SoftBank E303 (web code ESC $ O #), beyond the C types' E257
BODY = f"晴れ{SUN}時計{WATCH}花{HIBISCUS}"
#: docomo's extended emoji as cp932 reads their Shift_JIS codes F9B1–F9FC
DOCOMO_EXTENDED = re.compile("[\ue70c-\ue757]")
#: SoftBank web codes of pages O, P and Q (E301 on)
LATER_WEB_PAGES = re.compile("\x1b\\$[OPQ]")
#: reader -> emoji its page must not hold anywhere (outside the handset's set)
OUTSIDE = {"docomo-D501i": DOCOMO_EXTENDED, "softbank-J-SH10": LATER_WEB_PAGES,
           "softbank-J-SH02": LATER_WEB_PAGES}

#: reader -> what the diary's body looks like on the page, in the page's charset
SEEN = {
    "docomo-D501i": "晴れ\ue63e時計[腕時計]花[ハイビスカス]",
    "docomo-N505i": "晴れ\ue63e時計\ue71f花[ハイビスカス]",
    "docomo-P903i": "晴れ\ue63e時計\ue71f花[ハイビスカス]",
    "softbank-J-SH10": "晴れ\x1b$Gj\x0f時計[腕時計]花[ハイビスカス]",
    "softbank-J-SH02": "晴れ\x1b$Gj\x0f時計[腕時計]花[ハイビスカス]",
    "softbank-V602T": "晴れ\x1b$Gj\x0f時計[腕時計]花\x1b$O#\x0f",
    "softbank-930SH": "晴れ\ue04a時計[腕時計]花\ue303",
}


@pytest.mark.parametrize("reader", sorted(SEEN))
def test_a_diary_shows_each_handset_the_emoji_of_its_set_and_fallbacks_for_the_rest(
        app: Flask, member: Callable[[str], int], browse: Callable[[str, int], Browser],
        reader: str) -> None:
    writer = member("はなこ")
    [diary] = add_diaries(app, writer, ["お出かけ"], body=BODY)
    browser = browse(reader, member("たろう"))
    page = browser.get(f"/diary/{diary}")
    text = check_page(browser, page)
    assert SEEN[reader].encode(charset_of(page)) in page.body
    outside = OUTSIDE.get(reader)
    assert outside is None or outside.search(text) is None
