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
    # a PC or smartphone: the red darkened until it reads on a white page (WCAG AA)
    "pc-Firefox": ("<h1>見出し</h1>", "<hr />", '<span style="color:#d40000;">赤字</span>'),
    "smartphone-iPhone": ("<h1>見出し</h1>", '<span style="color:#d40000;">赤字</span>'),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_markup_family_gets_headings_rules_and_colours_it_can_show(handset, name) -> None:
    response = handset(name).get("/_t/style")
    page = response.body.decode("utf-8" if response.charset == "UTF-8" else "cp932")
    for fragment in EXPECTED[name]:
        assert fragment in page


def contrast_on_white(colour: str) -> float:
    """Return the WCAG contrast ratio of a #rrggbb colour against white."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 1.05 / (0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2] + 0.05)


@pytest.mark.parametrize("colour", ["#ff0000", "#ff6600", "#009900", "#f00", "#ffff00"])
def test_a_pc_gets_each_colour_dark_enough_to_read_with_its_hue(colour: str) -> None:
    from keitai.gateway.templating import TEXT_CONTRAST, readable

    full = colour if len(colour) == 7 else "#" + "".join(d * 2 for d in colour[1:])
    darker = readable(colour)
    assert contrast_on_white(full) < 4.5 < TEXT_CONTRAST <= contrast_on_white(darker)
    assert contrast_on_white(darker) < TEXT_CONTRAST + 0.2  # no darker than it needs
    was = [int(full[i:i + 2], 16) for i in (1, 3, 5)]
    now = [int(darker[i:i + 2], 16) for i in (1, 3, 5)]
    assert [round(n / max(now) * max(was)) for n in now] == was  # the same hue, only darker


@pytest.mark.parametrize("colour", ["#000000", "#0000ff", "#a84300", "red"])
def test_a_colour_that_reads_already_or_is_no_hex_stays(colour: str) -> None:
    from keitai.gateway.templating import readable

    assert readable(colour) == colour


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
