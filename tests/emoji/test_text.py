"""Japanese text around the emoji comes through whole: kanji, kana, wave dash, NEC/IBM symbols."""
from __future__ import annotations

import random

import pytest

import emoji_maps

SHIFT_JIS_HANDSETS = [("docomo", "shift_jis"), ("au", "shift_jis"), ("willcom", "shift_jis"),
                      ("softbank", "shift_jis"), ("pc", "shift_jis")]
ALL_PAGES = SHIFT_JIS_HANDSETS + [("docomo", "utf-8"), ("au", "utf-8"), ("softbank", "utf-8"),
                                  ("smartphone", "utf-8"), ("pc", "utf-8")]
DIARY = "今日は渋谷でﾗﾝﾁ☀ ①㈱№ⅰⅱ髙﨑 ＡＢＣ abc ～〜 ☁\n"


@pytest.mark.parametrize(("carrier", "charset"), ALL_PAGES)
def test_a_diary_with_emoji_round_trips_on_every_page(carrier: str, charset: str) -> None:
    data = emoji_maps.encode(DIARY, carrier, charset)
    expected = DIARY.replace("～", "〜") if charset == "shift_jis" else DIARY
    if carrier == "pc" and charset == "shift_jis":  # no emoji in a PC's Shift_JIS page
        expected = expected.replace("☀", "?").replace("☁", "?")
    assert emoji_maps.decode(data, carrier, charset) == expected


def test_the_wave_dash_from_a_handset_is_stored_as_wave_dash() -> None:
    assert emoji_maps.decode(b"\x81\x60", "docomo") == "\u301c"
    assert emoji_maps.decode(b"\x81\x60", "softbank", "shift_jis") == "\u301c"


def test_wave_dash_and_fullwidth_tilde_are_both_written_as_8160() -> None:
    assert emoji_maps.encode("\u301c\uff5e", "au") == b"\x81\x60\x81\x60"


def test_a_fullwidth_tilde_typed_into_a_utf8_form_is_kept() -> None:
    assert emoji_maps.decode("\uff5e".encode(), "softbank") == "\uff5e"


def windows_codes() -> dict[str, bytes]:
    """Map each cp932 character to the code Windows writes: JIS X 0208, else NEC row 13,
    else IBM extension, else NEC-selected IBM extension."""
    leads = [*range(0x81, 0x87), *range(0x88, 0xA0), *range(0xE0, 0xED), 0x87,
             0xFA, 0xFB, 0xFC, 0xED, 0xEE]
    found: dict[str, bytes] = {}
    for lead in leads:
        for trail in [*range(0x40, 0x7F), *range(0x80, 0xFD)]:
            raw = bytes([lead, trail])
            try:
                found.setdefault(raw.decode("cp932"), raw)
            except UnicodeDecodeError:
                pass
    return found


def codes_in_rows(*leads: int) -> list[bytes]:
    """Return the codes cp932 defines in the given rows."""
    found = []
    for lead in leads:
        for trail in [*range(0x40, 0x7F), *range(0x80, 0xFD)]:
            try:
                bytes([lead, trail]).decode("cp932")
                found.append(bytes([lead, trail]))
            except UnicodeDecodeError:
                pass
    return found


@pytest.mark.parametrize("carrier", ["docomo", "au", "willcom"])
def test_nec_and_ibm_characters_round_trip_and_are_written_as_windows_writes_them(
        carrier: str) -> None:
    windows = windows_codes()
    moved, bad = [], []
    for raw in codes_in_rows(0x87, 0xFA, 0xFB, 0xFC):
        char = emoji_maps.decode(raw, carrier)
        written = emoji_maps.encode(char, carrier)
        if written != windows[char] or emoji_maps.decode(written, carrier) != char:
            bad.append(raw.hex())
        if written != raw:
            moved.append(raw.hex())
    assert bad == []
    # only duplicates of an earlier row move: 9 of row 13 (≒ …) and 15 IBM codes (Ⅰ, ㈱, ∵ …)
    assert len(moved) == 24


def test_nec_selected_duplicates_are_written_with_the_ibm_code() -> None:
    assert emoji_maps.decode(b"\xee\xe0", "docomo") == "髙"
    assert emoji_maps.encode("髙﨑ⅰ", "docomo") == b"\xfb\xfc\xfa\xb1\xfa\x40"


def test_ibm_kanji_and_characters_outside_shift_jis_mix_on_one_page() -> None:
    text = "é髙1﨑𠮷髙"
    assert emoji_maps.encode(text, "docomo") == b"?\xfb\xfc1\xfa\xb1?\xfb\xfc"
    assert emoji_maps.encode(text, "au", errors="html") == (
        b"&#233;\xfb\xfc1\xfa\xb1&#134071;\xfb\xfc")


def test_ibm_kanji_in_softbanks_emoji_row_keep_their_nec_code_on_jphone_pages() -> None:
    kanji = b"\xfb\x41".decode("cp932")
    assert kanji == "涬"
    written = emoji_maps.encode(kanji, "softbank", "shift_jis")
    assert written[0] in (0xED, 0xEE)
    assert emoji_maps.decode(written, "softbank", "shift_jis") == kanji


@pytest.mark.parametrize(("char", "code"), [
    ("\u2014", b"\x81\x5c"), ("\u2015", b"\x81\x5c"), ("\u2212", b"\x81\x7c"),
    ("\u2016", b"\x81\x61"), ("\u00a2", b"\x81\x91"), ("\u00a3", b"\x81\x92"),
    ("\u00ac", b"\x81\xca"), ("\u00a5", b"\x81\x8f"), ("\u203e", b"\x81\x50"),
    ("\u00a6", b"\xfa\x55"),
])
def test_characters_python_cp932_lacks_are_written_the_windows_way(char: str, code: bytes) -> None:
    assert emoji_maps.encode(char, "docomo") == code


def test_characters_outside_shift_jis_become_question_marks_by_default() -> None:
    assert emoji_maps.encode("café 𠮷野家", "docomo") == "caf? ?野家".encode("cp932")


def test_html_pages_get_numeric_references_for_characters_outside_shift_jis() -> None:
    written = emoji_maps.encode("café 𠮷野家", "au", errors="html")
    assert written == "caf&#233; &#134071;野家".encode("cp932")


def test_html_pages_get_text_fallbacks_escaped() -> None:
    praying = "\U0001f64f"  # docomo lacks it; its fallback is (>人<)
    assert emoji_maps.encode(praying, "docomo") == "(>人<)".encode("cp932")
    assert emoji_maps.encode(praying, "docomo", errors="html") == "(&gt;人&lt;)".encode("cp932")


@pytest.mark.parametrize(("carrier", "charset"), ALL_PAGES)
@pytest.mark.parametrize("errors", ["replace", "html"])
def test_a_lone_surrogate_becomes_a_question_mark(carrier: str, charset: str,
                                                   errors: str) -> None:
    written = emoji_maps.encode("a\ud800b", carrier, charset, errors=errors)  # type: ignore[arg-type]
    assert written == b"a?b"


@pytest.mark.parametrize(("carrier", "charset"), ALL_PAGES)
def test_encode_never_raises_for_any_text(carrier: str, charset: str) -> None:
    rng = random.Random(20240)
    pools = [(0x20, 0x7F), (0x3000, 0x9FFF), (0xD800, 0xDFFF), (0xE000, 0xF8FF),
             (0x1F000, 0x1FAFF), (0xFE000, 0xFEFFF), (0x100000, 0x10FFFF), (0x80, 0x2FFF)]
    for _ in range(300):
        text = "".join(chr(rng.randint(*rng.choice(pools))) for _ in range(rng.randint(0, 40)))
        for errors in ("replace", "html"):
            assert isinstance(emoji_maps.encode(text, carrier, charset, errors=errors), bytes)


def test_line_breaks_from_handsets_become_line_feeds() -> None:
    assert emoji_maps.decode(b"a\r\nb\rc\nd", "docomo") == "a\nb\nc\nd"
    assert emoji_maps.decode(b"a\r\nb\rc", "softbank") == "a\nb\nc"


def test_charset_names_are_case_insensitive_and_accept_aliases() -> None:
    for name in ("Shift_JIS", "SJIS", "cp932", "Windows-31J", "shift-jis"):
        assert emoji_maps.encode("☀", "docomo", name) == b"\xf8\x9f"
    for name in ("UTF-8", "utf8"):
        assert emoji_maps.encode("☀", "docomo", name) == "\ue63e".encode()
