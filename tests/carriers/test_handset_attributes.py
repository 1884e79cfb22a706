"""Attributes the rest of the site asks a Handset instead of comparing carrier names."""
from __future__ import annotations

import pytest

import carriers

CASES = [
    # user agent, image format, guid=ON on links, emoji as <img localsrc>
    ("DoCoMo/1.0/N505i/c20/TB/W24H12", "gif", True, False),
    ("DoCoMo/2.0 P903i(c100;TB;W24H12)", "jpeg", True, False),
    ("DoCoMo/2.0 N902iS(c100;TB;W24H12)(compatible; moba-crawler; http://crawler.dena.jp/)",
     "jpeg", False, False),
    ("KDDI-CA39 UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0", "jpeg", False, False),
    ("UP.Browser/3.01-HI01 UP.Link/3.4.5.2", "png", False, True),
    ("J-PHONE/4.3/V602T/SN000000000000000 TS/2.00 Profile/MIDP-1.0", "png", False, False),
    ("SoftBank/1.0/930SH/SHJ001 Browser/NetFront/3.4 Profile/MIDP-2.0", "jpeg", False, False),
    ("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "jpeg", False,
     False),
]


@pytest.mark.parametrize(("agent", "image", "guid", "localsrc"), CASES)
def test_handset_answers_what_pages_need_to_know(agent: str, image: str, guid: bool,
                                                 localsrc: bool) -> None:
    handset = carriers.detect(agent)
    assert handset.image_format == image
    assert handset.wants_guid is guid
    assert handset.emoji_as_images is localsrc
