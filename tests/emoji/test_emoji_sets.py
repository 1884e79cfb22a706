"""Older handsets show part of their carrier's emoji: the rest is written as if the carrier
lacked it (its text fallback, else 〓), and nothing outside the set reaches the page."""
from __future__ import annotations

import pytest

import emoji_maps
from emoji_maps.tables import CarrierCode, tables
from tests.emoji.forms import web_code

SUN = "\u2600"  # docomo F89F, SoftBank E04A (ESC $ G j SI): in every set
WATCH = "\u231a"  # docomo E71F (F9C4), an extended emoji; fallback [腕時計]
HIBISCUS = "\U0001f33a"  # SoftBank E303 (ESC $ O #), page O; fallback [ハイビスカス]
MEMO = "\U0001f4dd"  # SoftBank E301 (ESC $ O !), docomo E689 (F8EA, basic); no fallback
CRYING = "\U0001f62d"  # docomo E72D (F9D2), extended; no fallback
GETA = "〓".encode("cp932")


def test_an_extended_docomo_emoji_becomes_its_fallback_on_a_basic_handset() -> None:
    assert emoji_maps.encode(WATCH, "docomo") == b"\xf9\xc4"
    assert emoji_maps.encode(WATCH, "docomo", emoji_set="docomo-basic") == \
        "[腕時計]".encode("cp932")
    assert emoji_maps.encode(CRYING, "docomo", emoji_set="docomo-basic") == GETA


def test_basic_docomo_emoji_are_unchanged_on_a_basic_handset() -> None:
    text = f"晴れ{SUN} メモ{MEMO}"
    assert emoji_maps.encode(text, "docomo", emoji_set="docomo-basic") == \
        emoji_maps.encode(text, "docomo") == "晴れ".encode("cp932") + b"\xf8\x9f" + \
        " メモ".encode("cp932") + b"\xf8\xea"


def test_willcom_pages_take_docomos_basic_set() -> None:
    assert emoji_maps.encode(WATCH + SUN, "willcom", emoji_set="docomo-basic") == \
        "[腕時計]".encode("cp932") + b"\xf8\x9f"


def test_softbank_emoji_beyond_e257_become_their_fallback_on_a_c_type() -> None:
    assert emoji_maps.encode(HIBISCUS, "softbank", "shift_jis") == b"\x1b$O#\x0f"
    assert emoji_maps.encode(HIBISCUS, "softbank", "shift_jis", emoji_set="softbank-c-type") \
        == "[ハイビスカス]".encode("cp932")
    assert emoji_maps.encode(MEMO, "softbank", "shift_jis", emoji_set="softbank-c-type") == GETA


def test_pages_g_e_and_f_are_unchanged_on_a_c_type() -> None:
    assert emoji_maps.encode(f"晴れ{SUN}", "softbank", "shift_jis",
                             emoji_set="softbank-c-type") == "晴れ".encode("cp932") + b"\x1b$Gj\x0f"


def test_fallbacks_are_html_escaped_in_html_pages_of_a_subset() -> None:
    folded_hands = "\U0001f64f"  # SoftBank E41D, fallback (>人<)
    assert emoji_maps.encode(folded_hands, "softbank", "shift_jis", errors="html",
                             emoji_set="softbank-c-type") == "(&gt;人&lt;)".encode("cp932")


def written(code: CarrierCode, charset: str) -> bytes:
    """Return a carrier emoji as a page in that charset carries it."""
    if code.carrier == "softbank" and charset == "shift_jis":
        return web_code(code)
    return chr(code.pua).encode("cp932" if charset == "shift_jis" else "utf-8")


@pytest.mark.parametrize(("carrier", "charset", "name"), [
    ("docomo", "shift_jis", "docomo-basic"), ("docomo", "utf-8", "docomo-basic"),
    ("docomo", "shift_jis", "docomo-web"),
    ("softbank", "shift_jis", "softbank-c-type"), ("softbank", "utf-8", "softbank-c-type"),
])
def test_no_emoji_outside_the_set_reaches_the_page(carrier: str, charset: str,
                                                    name: str) -> None:
    every = "".join(e.canonical for e in tables().emoji)
    shown = emoji_maps.EMOJI_SETS[name]
    outside = [code for code in tables().codes[carrier].values()
               if not shown.shows((code.pua,))]
    whole = emoji_maps.encode(every, carrier, charset)
    assert any(written(code, charset) in whole for code in outside)
    page = emoji_maps.encode(every, carrier, charset, emoji_set=name)
    assert [f"U+{c.pua:04X}" for c in outside if written(c, charset) in page] == []


@pytest.mark.parametrize(("carrier", "charset", "name"), [
    ("docomo", "shift_jis", "docomo-basic"), ("docomo", "shift_jis", "docomo-web"),
    ("softbank", "shift_jis", "softbank-c-type"), ("softbank", "utf-8", "softbank-c-type"),
])
def test_every_emoji_inside_the_set_is_written_as_without_a_set(carrier: str, charset: str,
                                                                 name: str) -> None:
    shown = emoji_maps.EMOJI_SETS[name]
    inside = [e.canonical for e in tables().emoji
              if carrier in e.codes and shown.shows(e.codes[carrier])]
    assert len(inside) > 100
    for each in inside:
        assert emoji_maps.encode(each, carrier, charset, emoji_set=name) == \
            emoji_maps.encode(each, carrier, charset), each


def test_a_set_nobody_defined_or_of_another_carrier_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown emoji set"):
        emoji_maps.encode(SUN, "docomo", emoji_set="docomo-extended")
    with pytest.raises(ValueError, match="softbank"):
        emoji_maps.encode(SUN, "docomo", emoji_set="softbank-c-type")
    with pytest.raises(ValueError):
        emoji_maps.encode(SUN, "pc", emoji_set="docomo-basic")


def test_docomos_ticket_and_service_marks_become_their_fallback_on_i_mode_pages() -> None:
    pi = "\U000fee16"  # U+E6A6 (F94A), in docomo's table but not one of the 252 web emoji
    assert emoji_maps.encode(pi, "docomo") == b"\xf9\x4a"
    assert emoji_maps.encode(pi, "docomo", emoji_set="docomo-web") == "[ぴ]".encode("cp932")
    assert emoji_maps.encode(WATCH + SUN, "docomo", emoji_set="docomo-web") == b"\xf9\xc4\xf8\x9f"


def runs(codes: list[int]) -> list[tuple[int, int]]:
    """Return sorted codes as (first, last) runs of consecutive codes."""
    found: list[tuple[int, int]] = []
    for code in sorted(codes):
        if found and found[-1][1] == code - 1:
            found[-1] = (found[-1][0], code)
        else:
            found.append((code, code))
    return found


def test_docomos_sets_are_the_web_emoji_of_the_table() -> None:
    web = [code.pua for code in tables().codes["docomo"].values() if code.web]
    assert len(web) == 252
    assert list(emoji_maps.EMOJI_SETS["docomo-web"].runs) == runs(web)
    basic = [pua for pua in web if pua < 0xE70C]
    assert len(basic) == 176
    assert list(emoji_maps.EMOJI_SETS["docomo-basic"].runs) == runs(basic)
