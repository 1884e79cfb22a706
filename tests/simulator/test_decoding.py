"""A page read as its handset reads it: charset, carrier emoji with their codes, au icons."""
from __future__ import annotations

import pytest
from flask import Flask

from simulator.charsets import page_charset
from simulator.decode import decode_body
from tests.simulator.conftest import Browse

SUN = "\u2600"


def page_of(browse: Browse, site: Flask, name: str, data: bytes, kind: str = "text/html"):  # type: ignore[no-untyped-def]
    from urllib.parse import urlencode

    return browse(name, site).open("/raw?" + urlencode({"hex": data.hex(), "type": kind}))


@pytest.mark.parametrize(("carrier", "data", "code"), [
    ("docomo", b"\xf8\x9f", "docomo F89F / U+E63E"),
    ("willcom", b"\xf8\x9f", "willcom F89F / U+E63E"),
    ("au", b"\xf6\x60", "au F660"),
    ("softbank", b"\x1b$Gj\x0f", "softbank ESC $Gj"),
])
def test_a_carriers_shift_jis_emoji_is_read_with_its_code(carrier: str, data: bytes,
                                                           code: str) -> None:
    decoded = decode_body("晴れ".encode("cp932") + data + b"!", carrier, "shift_jis")
    assert decoded.plain(decoded.text) == "晴れ" + SUN + "!"
    assert [e.canonical for e in decoded.emoji] == [SUN]
    assert decoded.emoji[0].code.startswith(code)
    assert decoded.emoji[0].title.endswith("晴れ")


def test_softbank_utf8_private_use_emoji_are_read_as_emoji() -> None:
    decoded = decode_body("雨\ue04a".encode(), "softbank", "utf-8")
    assert decoded.plain(decoded.text) == "雨" + SUN
    assert decoded.emoji[0].code == "softbank U+E04A"


def test_kanji_and_the_user_defined_area_are_not_taken_for_emoji() -> None:
    data = "髙﨑".encode("cp932") + b"\xf0\x40"  # IBM kanji, then a user-defined character
    decoded = decode_body(data, "docomo", "shift_jis")
    assert decoded.emoji == ()
    assert decoded.plain(decoded.text).startswith("髙﨑")


def test_broken_bytes_are_counted_not_fatal() -> None:
    decoded = decode_body(b"OK \x82", "docomo", "shift_jis")
    assert decoded.bad_chars == 1
    assert decoded.text.startswith("OK ")


@pytest.mark.parametrize(("content_type", "body", "expected"), [
    ("text/html; charset=Shift_JIS", b"", "shift_jis"),
    ("text/html; charset=x-sjis", b"", "shift_jis"),
    ("text/html", b'<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">',
     "utf-8"),
    ("application/xhtml+xml", b'<?xml version="1.0" encoding="Shift_JIS"?>', "shift_jis"),
    ("text/html", b'<meta charset="EUC-JP">', "euc_jp"),
    ("text/html", b"<p>no declaration</p>", "shift_jis"),
])
def test_the_charset_comes_from_the_header_then_the_page_then_the_handset(
        content_type: str, body: bytes, expected: str) -> None:
    assert page_charset(content_type, body, "shift_jis") == expected


def test_an_au_icon_number_is_drawn_as_its_emoji(browse: Browse, echo_site: Flask) -> None:
    page = page_of(browse, echo_site, "au-C5001T",
                   '<p>天気<img localsrc="44" alt="晴"></p>'.encode("cp932"))
    assert page.document.text.endswith("天気" + SUN)


@pytest.mark.parametrize("reference", ["&#xE63E;", "&#63647;"])
def test_docomo_emoji_written_as_references_are_read_as_emoji(
        browse: Browse, echo_site: Flask, reference: str) -> None:
    page = page_of(browse, echo_site, "docomo-N505i", f"<p>{reference}</p>".encode())
    assert page.document.text == SUN


def test_an_euc_jp_page_is_read_in_euc_jp(browse: Browse, echo_site: Flask) -> None:
    page = page_of(browse, echo_site, "softbank-930SH", "<p>日本語</p>".encode("euc_jp"),
                   "text/html; charset=EUC-JP")
    assert (page.charset, page.document.text) == ("euc_jp", "日本語")
