"""/handset on every markup family: doctype, content type, charset, input modes, access keys."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

import emoji_maps
from tests.handsets import PAGE_PROFILES

CHTML_DOCTYPE = '<!DOCTYPE HTML PUBLIC "-//W3C//DTD Compact HTML 1.0 Draft//EN">'
IXHTML_DOCTYPE = "-//i-mode group (ja)//DTD XHTML i-XHTML(Locale/Ver.=ja/"
MP_DOCTYPE = '"-//WAPFORUM//DTD XHTML Mobile 1.0//EN"'

#: profile -> (content type, opening of the page, attributes of the kana input)
EXPECTED = {
    "docomo-N505i": ("text/html; charset=Shift_JIS", CHTML_DOCTYPE, 'istyle="1"'),
    "docomo-D501i": ("text/html; charset=Shift_JIS", CHTML_DOCTYPE, None),  # HTML 1.0: no istyle
    "docomo-P903i": ("application/xhtml+xml; charset=Shift_JIS",
                     '<?xml version="1.0" encoding="Shift_JIS"?>',
                     'style="-wap-input-format:&#34;*&lt;ja:h&gt;&#34;;"'),
    "docomo-N06A": ("application/xhtml+xml; charset=Shift_JIS",
                    '<?xml version="1.0" encoding="Shift_JIS"?>',
                    'style="-wap-input-format:&#34;*&lt;ja:h&gt;&#34;;"'),
    "au-W53CA": ("application/xhtml+xml; charset=Shift_JIS",
                 '<?xml version="1.0" encoding="Shift_JIS"?>', 'format="*M"'),
    "au-C5001T": ("application/xhtml+xml; charset=Shift_JIS",
                  '<?xml version="1.0" encoding="Shift_JIS"?>', 'format="*M"'),
    "softbank-930SH": ("application/xhtml+xml; charset=UTF-8",
                       '<?xml version="1.0" encoding="UTF-8"?>', 'mode="hiragana"'),
    "softbank-J-SH51": ("text/html; charset=Shift_JIS", CHTML_DOCTYPE, 'mode="hiragana"'),
    "softbank-V602T": ("text/html; charset=Shift_JIS", CHTML_DOCTYPE, 'mode="hiragana"'),
    "willcom-WX310SA": ("text/html; charset=Shift_JIS", CHTML_DOCTYPE, 'istyle="1"'),
    "smartphone-iPhone": ("text/html; charset=UTF-8", "<!DOCTYPE html>", None),
    "pc-Firefox": ("text/html; charset=UTF-8", "<!DOCTYPE html>", None),
}
CHARSETS = {"Shift_JIS": "cp932", "UTF-8": "utf-8", "utf-8": "utf-8"}


@pytest.mark.parametrize("name", PAGE_PROFILES + ["docomo-D501i"])
def test_handset_page_speaks_the_handsets_markup_and_charset(handset, name: str) -> None:
    content_type, opening, kana_attr = EXPECTED[name]
    client = handset(name)
    response = client.get("/handset")
    assert response.headers["Content-Type"] == content_type
    charset = CHARSETS[content_type.rsplit("=", 1)[1]]
    page = response.body.decode(charset)
    assert page.startswith(opening)
    # the <meta> repeats the header, except to i-mode HTML 1.0, which has no <meta>
    assert (f'content="{content_type}"' in page) is (name != "docomo-D501i")
    profile_limit = _limit(page)
    if profile_limit is not None:
        assert len(response.body) <= profile_limit
    if kana_attr is None and name == "docomo-D501i":
        assert "istyle" not in page
    if kana_attr is not None:
        sample = page[page.index('name="sample"'):]
        assert kana_attr in sample[: sample.index("/>")]


def _limit(page: str) -> int | None:
    marker = "ページ上限: "
    value = page[page.index(marker) + len(marker):].split("<", 1)[0]
    return None if value == "なし" else int(value.removesuffix("バイト"))


@pytest.mark.parametrize("name", ["docomo-N505i", "docomo-P903i", "au-W53CA", "softbank-930SH",
                                  "softbank-V602T"])
def test_access_keys_are_number_keys_shown_as_the_carriers_keycap(handset, name: str) -> None:
    client = handset(name)
    response = client.get("/handset")
    carrier, charset = client.profile.carrier, response.charset or "utf-8"
    keycap = emoji_maps.encode("5\u20e3", carrier, "utf-8" if charset.lower() == "utf-8"
                               else "shift_jis")
    assert b'accesskey="5">' + keycap in response.body
    assert b'accesskey="0">' + emoji_maps.encode(
        "0\u20e3", carrier, "utf-8" if charset.lower() == "utf-8" else "shift_jis") in response.body


def test_pc_links_have_access_keys_but_no_keycap_labels(handset) -> None:
    response = handset("pc-Firefox").get("/handset")
    page = response.body.decode("utf-8")
    assert 'accesskey="5">再読み込み' in page
    assert "\u20e3" not in page


@pytest.mark.parametrize("name", ["docomo-P903i", "au-W53CA", "softbank-930SH"])
def test_xhtml_pages_are_well_formed_xml(handset, name: str) -> None:
    response = handset(name).get("/handset")
    page = response.body.decode("utf-8" if response.charset == "UTF-8" else "cp932")
    assert page.startswith('<?xml version="1.0"')
    root = ET.fromstring(page.split("\n", 2)[2])
    assert root.tag == "{http://www.w3.org/1999/xhtml}html"


def test_handset_page_reports_terminal_ids_masked(handset) -> None:
    page = handset("au-W53CA").get("/handset").body.decode("cp932")
    assert "契約者固有ID (subscriber_id): 050" in page
    assert "05001234567890_ab.ezweb.ne.jp" not in page
    assert "ゲートウェイ経由: はい" in page


def test_docomo_links_carry_guid_on_so_the_imode_id_arrives(handset) -> None:
    client = handset("docomo-P903i")
    page = client.get("/handset").body.decode("cp932")
    assert "guid=ON" in page
    follow = client.get("/handset?guid=ON").body.decode("cp932")
    assert "契約者固有ID (subscriber_id): AbC" in follow


@pytest.mark.parametrize("name", ["docomo-N505i", "au-W53CA", "softbank-930SH", "pc-Firefox"])
def test_a_page_is_kept_by_no_cache_and_names_no_page_of_ours_to_other_sites(
        handset, name: str) -> None:
    response = handset(name).get("/handset")
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["Referrer-Policy"] == "same-origin"
    # a page no cache keeps needs no Vary: nothing stored is told apart by User-Agent
    assert "Vary" not in response.headers
