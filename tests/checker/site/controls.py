"""Control pages: nothing wrong for any handset."""
from __future__ import annotations

from tests.checker.site import FixturePage, chtml

PAGES = [
    FixturePage("/", chtml('<a href="/plain" accesskey="1">plain</a>', title="top"),
                note="the top page: every handset reads it cleanly"),
    FixturePage("/plain", chtml("ただのページです。"), note="a short Shift_JIS cHTML page"),
]
