"""Broken bytes give a clear DecodeError; an unknown emoji gives 〓 and a log line."""
from __future__ import annotations

import logging

import pytest

import emoji_maps
from emoji_maps import DecodeError

SHIFT_JIS_CARRIERS = [("docomo", None), ("au", None), ("willcom", None),
                      ("softbank", "shift_jis"), ("pc", "shift_jis")]


def decode_error(data: bytes, carrier: str, charset: str | None = None) -> DecodeError:
    with pytest.raises(DecodeError) as caught:
        emoji_maps.decode(data, carrier, charset)
    return caught.value


@pytest.mark.parametrize(("carrier", "charset"), SHIFT_JIS_CARRIERS)
def test_a_truncated_lead_byte_is_a_decode_error_at_its_offset(carrier: str,
                                                                charset: str | None) -> None:
    error = decode_error("あい".encode("cp932") + b"\x82", carrier, charset)
    assert error.offset == 4
    assert isinstance(error, ValueError)
    assert "byte 4" in str(error)


@pytest.mark.parametrize(("carrier", "charset"), SHIFT_JIS_CARRIERS)
@pytest.mark.parametrize(("data", "offset"), [
    (b"ab\x82\x20cd", 2),      # a lead byte without a trail byte
    (b"\x85\x40", 0),          # an unassigned row
    (b"x\xa0y", 1),            # A0 alone is no character
    (b"\x82\xa0\xfd", 2),      # FD–FF never occur in Shift_JIS
    ("ｱ".encode("cp932") + b"\x80", 1),
])
def test_bytes_outside_shift_jis_are_a_decode_error_at_their_offset(
        carrier: str, charset: str | None, data: bytes, offset: int) -> None:
    assert decode_error(data, carrier, charset).offset == offset


@pytest.mark.parametrize("carrier", ["docomo", "au", "softbank", "smartphone", "pc"])
def test_invalid_utf8_is_a_decode_error_at_its_offset(carrier: str) -> None:
    assert decode_error("日本".encode() + b"\xe3\x81", carrier, "utf-8").offset == 6
    assert decode_error(b"a\xed\xa0\x80", carrier, "utf-8").offset == 1  # a surrogate


def test_an_escape_that_starts_no_web_code_is_a_decode_error() -> None:
    assert decode_error(b"ab\x1b$B\x24\x22\x1b(B", "softbank", "shift_jis").offset == 2
    assert decode_error(b"\x82\xa0\x1b", "softbank", "shift_jis").offset == 2


def test_a_web_code_without_si_is_read_leniently_and_logged(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="emoji_maps"):
        text = emoji_maps.decode(b"\x1b$Gj\x82\xa0", "softbank", "shift_jis")
    assert text == "\u2600あ"
    assert "no SI" in caplog.text


def test_a_web_code_without_si_at_the_end_keeps_its_emoji() -> None:
    assert emoji_maps.decode(b"\x82\xa0\x1b$Gji", "softbank", "shift_jis") == "あ\u2600\u2601"


def test_an_unknown_web_code_becomes_geta_and_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="emoji_maps"):
        text = emoji_maps.decode(b"\x1b$Ojz\x0f", "softbank", "shift_jis")
    assert text == "\U0001f346〓"  # O j is the aubergine; page O ends at position 4D
    assert "unknown SoftBank web code Oz" in caplog.text


@pytest.mark.parametrize(("data", "carrier", "charset"), [
    ("\ue000".encode(), "docomo", "utf-8"),          # private use, but no emoji
    ("\ue04a".encode(), "docomo", "utf-8"),          # SoftBank's sun: never guessed
    (b"\xf0\x40", "docomo", None),                   # user-defined area, no emoji
    (b"\xf8\x9f", "au", None),                       # docomo's sun sent as au
    ("\ue63e".encode(), "softbank", "utf-8"),        # docomo's sun sent as SoftBank
    ("\ue63e".encode(), "pc", "utf-8"),              # a PC's private use
    ("\U000fe0ff".encode(), "smartphone", "utf-8"),  # an unassigned Google code
])
def test_an_unknown_private_use_character_becomes_geta_and_is_logged(
        data: bytes, carrier: str, charset: str | None,
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="emoji_maps"):
        assert emoji_maps.decode(b"a" + data + b"b", carrier, charset) == "a〓b"
    assert "unknown private-use character" in caplog.text


def test_softbank_row_fb_is_emoji_for_softbank_and_kanji_for_everyone_else() -> None:
    assert emoji_maps.decode(b"\xfb\x41", "docomo") == "涬"
    assert emoji_maps.decode(b"\xfb\x41", "au") == "涬"
    softbank = emoji_maps.decode(b"\xfb\x41", "softbank", "shift_jis")
    assert softbank == emoji_maps.decode("\ue401".encode(), "softbank")
    assert softbank != "涬"


def test_a_kanji_whose_bytes_end_in_fb_is_not_mistaken_for_an_emoji() -> None:
    text = "胤A"  # 88 FB 41: FB is a trail byte here, then an ASCII A
    assert emoji_maps.decode(text.encode("cp932"), "softbank", "shift_jis") == text
    emoji = emoji_maps.decode("\ue401".encode(), "softbank")
    assert emoji_maps.decode(b"\xee\xfa\xfb\x41\xfb\xfc", "softbank", "sjis") == f"￤{emoji}髙"


def test_au_official_codes_and_softbank_codes_that_overlap_are_read_per_carrier() -> None:
    overlap = "\ue501".encode()
    assert emoji_maps.decode(overlap, "au", "utf-8") == "\U0001f46a"  # au's family (家族)
    assert emoji_maps.decode(overlap, "softbank") == "\U0001f3e9"  # SoftBank's love hotel
    assert emoji_maps.encode("\U0001f46a", "au") == b"\xf6\xda"
    assert emoji_maps.encode("\U0001f3e9", "softbank") == overlap


def test_an_unknown_carrier_or_charset_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown carrier"):
        emoji_maps.decode(b"", "tu-ka")
    with pytest.raises(ValueError, match="unsupported charset"):
        emoji_maps.encode("", "docomo", "euc-jp")
    with pytest.raises(ValueError, match="errors"):
        emoji_maps.encode("", "docomo", errors="strict")  # type: ignore[arg-type]
