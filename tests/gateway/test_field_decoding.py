"""Field decoding: the quick ways (ASCII fields, percent escapes) give what the long way gives."""
from __future__ import annotations

from urllib.parse import unquote_to_bytes

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

import emoji_maps
from carriers import Handset
from keitai.gateway.handset_request import first
from keitai.gateway.inputs import (
    BadInputEncoding,
    clean_text,
    decode_pairs,
    field_decoder,
    split_pairs,
    unquote_bytes,
)

#: every charset a field may be decoded with, as decode_fields names it
CHARSETS = ("shift_jis", "cp932", "utf-8", "euc_jp", "iso2022_jp", "ascii", "iso8859-1",
            "cp1252")
#: bytes that make decoding interesting: controls, CR and LF, ESC (web codes, ISO-2022), DEL
_ASCII_BYTES = st.binary(max_size=40).map(lambda raw: bytes(b & 0x7F for b in raw))
_TRICKY = st.lists(st.sampled_from([
    b"\r", b"\n", b"\r\n", b"\x00", b"\x1b", b"\x1b$G", b"\x1b$Gj\x0f", b"\x0f", b"\x7f",
    b"\t", b"+", b"%", b";", b"&", b"=", b"a", b"Z", b"~", b"\\", b" ",
]), max_size=12).map(b"".join)
_SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None)


def long_way(data: bytes, carrier: str, charset: str) -> str:
    """Decode a field as the gateway did before it had quick ways."""
    if charset in ("shift_jis", "cp932", "utf-8"):
        text = emoji_maps.decode(data, carrier, charset)
    else:
        text = data.decode(charset).replace("\r\n", "\n").replace("\r", "\n")
    return clean_text(text)


def outcome(decode, data: bytes) -> tuple[str, str]:
    """Return what decoding gives: its text, or the kind of error."""
    try:
        return "text", decode(data)
    except (UnicodeError, LookupError, ValueError) as exc:
        return "error", type(exc).__name__


@pytest.mark.parametrize("carrier", emoji_maps.CARRIERS)
@pytest.mark.parametrize("charset", CHARSETS)
@_SETTINGS
@given(data=st.one_of(_ASCII_BYTES, _TRICKY))
def test_an_ascii_field_reads_as_the_long_way_reads_it(carrier: str, charset: str,
                                                       data: bytes) -> None:
    quick = field_decoder(carrier, charset)
    assert outcome(quick, data) == outcome(lambda d: long_way(d, carrier, charset), data)


@pytest.mark.parametrize(("carrier", "charset", "data", "text"), [
    ("docomo", "shift_jis", b"a\r\nb\rc", "a\nb\nc"),
    ("docomo", "shift_jis", b"a\x00b\x7f\x1fc\td", "abc\td"),
    ("softbank", "shift_jis", b"\x1b$Gj\x0f", "☀"),  # a J-PHONE web code
    ("pc", "iso2022_jp", b"\x1b$B$3\x1b(B", "こ"),
])
def test_escapes_and_controls_in_ascii_fields(carrier: str, charset: str, data: bytes,
                                              text: str) -> None:
    assert field_decoder(carrier, charset)(data) == long_way(data, carrier, charset) == text


def test_an_esc_that_starts_no_web_code_is_refused_on_a_j_phone_page() -> None:
    handset = Handset(carrier="softbank", charset="shift_jis")
    with pytest.raises(BadInputEncoding):
        decode_pairs(b"note=%1Bx", handset)


def test_an_unknown_charset_is_refused() -> None:
    with pytest.raises(LookupError):
        field_decoder("pc", "no-such-charset")


@_SETTINGS
@given(raw=st.lists(st.sampled_from([b"%", b"%4", b"%41", b"%e3", b"%E3%81%82", b"%zz",
                                     b"%%", b"a", b"+", b"4", b"F", b"g", b"\xff"]),
                    max_size=15).map(b"".join))
def test_percent_escapes_decode_as_urllib_decodes_them(raw: bytes) -> None:
    assert unquote_bytes(raw) == unquote_to_bytes(raw)


@pytest.mark.parametrize("raw", [b"%%%", b"%%%%%%", b"%4%", b"%%41", b"%41%", b"%4G", b"%g1",
                                 b"%41%42", b"%E3%81%82", b"%e3%81%8", b"%41%%41", b"%41%4%"])
def test_a_value_of_nothing_but_escapes_or_nearly_so(raw: bytes) -> None:
    assert unquote_bytes(raw) == unquote_to_bytes(raw)


@_SETTINGS
@given(raw=_TRICKY)
def test_split_pairs_reads_plus_semicolons_and_escapes_as_before(raw: bytes) -> None:
    expected = []
    for item in raw.replace(b";", b"&").split(b"&"):
        if item:
            key, _sep, value = item.partition(b"=")
            expected.append((unquote_to_bytes(key.replace(b"+", b" ")),
                             unquote_to_bytes(value.replace(b"+", b" "))))
    assert split_pairs(raw) == expected


def test_a_query_of_ascii_and_shift_jis_fields() -> None:
    handset = Handset(carrier="docomo", charset="shift_jis")
    fields = decode_pairs(b"sample=%82%B1%82%F1%F8%9F&number=1+2%00&x=%0D%0A;y", handset)
    assert list(fields.items(multi=True)) == [
        ("sample", "こん☀"), ("number", "1 2"), ("x", "\n"), ("y", "")]


@pytest.mark.parametrize("name", ["ksid", "pp", "missing", ""])
def test_first_gives_what_get_gives(name: str) -> None:
    fields: MultiDict[str, str] = MultiDict([("ksid", "a"), ("ksid", "b"), ("pp", ""),
                                              ("", "empty name")])
    fields.setlist("none", [])
    assert first(fields, name) == fields.get(name)
    assert first(fields, "none") == fields.get("none") is None
