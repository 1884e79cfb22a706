"""Presentational macros: headings, rules and coloured text each handset can show."""
from __future__ import annotations

import pytest

#: profile -> (heading, rule, coloured text) as the handset receives them
EXPECTED = {
    "docomo-N505i": ('<div align="center"><font color="#ff6600">見出し</font></div>',
                     '<hr color="#ff6600" />', '<font color="#ff0000">赤字</font>'),
    "docomo-P903i": ('<div style="background-color:#ff6600;color:#ffffff;text-align:center;">'
                     "見出し</div>",
                     '<hr style="border-color:#ff6600;background-color:#ff6600;" />',
                     '<span style="color:#ff0000;">赤字</span>'),
    "au-W53CA": ('<div style="background-color:#ff6600;color:#ffffff;text-align:center;">'
                 "見出し</div>",
                 '<hr style="border-color:#ff6600;background-color:#ff6600;" />',
                 '<span style="color:#ff0000;">赤字</span>'),
    "softbank-J-SH51": ('<div align="center"><font color="#ff6600">見出し</font></div>',
                        '<hr color="#ff6600" />', '<font color="#ff0000">赤字</font>'),
    "pc-Firefox": ("<h1>見出し</h1>", "<hr />", '<span style="color:#ff0000;">赤字</span>'),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_markup_family_gets_headings_rules_and_colours_it_can_show(handset, name) -> None:
    response = handset(name).get("/_t/style")
    page = response.body.decode("utf-8" if response.charset == "UTF-8" else "cp932")
    for fragment in EXPECTED[name]:
        assert fragment in page


def test_a_monochrome_handset_gets_no_colours(handset) -> None:
    client = handset("softbank-J-SH51")
    response = client.get("/_t/style", headers={"X-JPHONE-COLOR": "G4"})
    page = response.body.decode("cp932")
    assert "赤字" in page and "#ff0000" not in page and "<hr />" in page


def test_a_menu_block_is_built_for_each_handset_and_site_root(handset) -> None:
    # the block is kept once built: the next handset must still get its own labels, and a
    # site served under a path prefix its own URLs
    lines = ('<a href="/?guid=ON" accesskey="0">\ue6ebトップ</a><br />\n'  # docomo's 0 key
             '<a href="/handset?guid=ON">この端末</a><br />')
    for _ in range(2):
        docomo = handset("docomo-P903i").get("/_t/menu").body.decode("cp932")
        pc = handset("pc-Firefox").get("/_t/menu").body.decode("utf-8")
        assert lines in docomo
        assert ('<a href="/" accesskey="0">トップ</a><br />\n'
                '<a href="/handset">この端末</a><br />') in pc
    prefixed = handset("pc-Firefox").get("/_t/menu", extra_environ={"SCRIPT_NAME": "/sns"})
    assert '<a href="/sns/" accesskey="0">' in prefixed.body.decode("utf-8")
