"""Bytes from a handset's form or URL to canonical text."""
from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import cache

from emoji_maps.charsets import (
    SHIFT_JIS,
    UTF_8,
    Charset,
    DecodeError,
    normalise_charset,
    repertoire,
)
from emoji_maps.sjis import byte_length, cp932_pua, decode_cp932
from emoji_maps.tables import CARRIER_TABLES, tables

log = logging.getLogger("emoji_maps")

GETA = "\u3013"  # 〓, what an emoji nobody knows becomes
#: every private-use character: where carriers and Google put emoji
PUA = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")
PUA_SPLIT = re.compile(f"({PUA.pattern})")
_WEB_CODE = re.compile("\x1b\\$([GEFOPQ])([\x21-\x7a]*)(\x0f?)")
_BAD_ESCAPE = re.compile(rb"\x1b(?!\$[GEFOPQ])")


@cache
def input_map(table: str, form: str) -> dict[str, str]:
    """Map the private-use characters a carrier's handsets send to canonical text.

    Form "sjis" is keyed by what cp932 decodes the carrier's Shift_JIS codes to (SoftBank's row
    FB by stand-ins of the same arithmetic, see cp932_pua); form "utf8" by the carrier's own
    private use (au: official and web). Google's codes are known everywhere: no handset's own.
    """
    t = tables()
    mapping = {e.google: e.canonical for e in t.emoji if e.google}
    if table in CARRIER_TABLES:
        for code in t.codes[table].values():
            if form == "utf8":
                mapping[chr(code.pua)] = code.canonical
                if table == "kddi" and code.alt is not None:
                    mapping[chr(code.alt)] = code.canonical
            else:
                mapping[cp932_pua(code.sjis)] = code.canonical
    return mapping


@cache
def _softbank_codes() -> tuple[re.Pattern[str], dict[bytes, str], dict[int, str]]:
    """Return SoftBank's row-FB codes (as the kanji cp932 reads, and with stand-ins), web codes."""
    codes = tables().codes["softbank"].values()
    row_fb = {c.sjis.to_bytes(2, "big"): cp932_pua(c.sjis) for c in codes if c.sjis >> 8 == 0xFB}
    kanji = re.compile("[" + "".join(code.decode("cp932") for code in row_fb) + "]")
    return kanji, row_fb, {c.alt: c.canonical for c in codes if c.alt is not None}


def translate_pua(text: str, mapping: dict[str, str], carrier: str) -> str:
    """Replace private-use characters by canonical emoji; log unknown ones and give 〓."""
    parts = PUA_SPLIT.split(text)
    if len(parts) == 1:
        return text
    get = mapping.get
    for i in range(1, len(parts), 2):
        found = get(parts[i])
        if found is None:
            log.warning("unknown private-use character U+%04X from %s became 〓",
                        ord(parts[i]), carrier)
            found = GETA
        parts[i] = found
    return "".join(parts)


def _softbank_plain(data: bytes) -> str:
    """Decode Shift_JIS with SoftBank's binary codes, reading FB41–FBDE as emoji, not kanji.

    cp932 reads those codes as IBM kanji, which also have NEC-selected codes (rows ED, EE):
    each such kanji is looked up in the bytes to see which of the two it came from.
    """
    text = decode_cp932(data)
    kanji, row_fb, _web = _softbank_codes()
    pieces, last, offset = [], 0, 0
    for match in kanji.finditer(text):
        offset += byte_length(text, last, match.start())
        code = data[offset:offset + 2]
        pieces += [text[last:match.start()], row_fb.get(code) or match.group()]
        last, offset = match.end(), offset + 2
    return "".join(pieces) + text[last:] if pieces else text


def _read_web_codes(text: str) -> str:
    """Replace web-code runs (ESC $ page bytes SI) by canonical emoji; be lenient about SI."""
    _kanji, _row_fb, web = _softbank_codes()

    def run(match: re.Match[str]) -> str:
        page, payload, closed = match.groups()
        if not closed:
            log.warning("SoftBank web code at character %d has no SI; read up to character %d",
                        match.start(), match.end())
        base, out = ord(page) << 8, []
        for char in payload:
            found = web.get(base | ord(char))
            if found is None:
                log.warning("unknown SoftBank web code %s%s became 〓", page, char)
            out.append(found or GETA)
        return "".join(out)

    return _WEB_CODE.sub(run, text)


def _decode_softbank_sjis(data: bytes) -> str:
    """Decode a J-PHONE page's bytes: Shift_JIS, binary codes and web codes (ESC $ G … SI)."""
    bad = _BAD_ESCAPE.search(data)
    if bad is not None:
        raise DecodeError(bad.start(), "ESC that does not start a web code")
    text = _softbank_plain(data)
    return _read_web_codes(text) if "\x1b" in text else text


def decode(data: bytes, carrier: str, charset: str | None = None) -> str:
    """Decode bytes from a handset's form or URL into canonical text."""
    return decoder(carrier, charset)(data)


def decoder(carrier: str, charset: str | None = None) -> Callable[[bytes], str]:
    """Return decode() for one carrier and charset, as a function of the bytes alone.

    The charset, the emoji table and its input map are looked up once, not for every field.
    """
    return _decoder(carrier, normalise_charset(carrier, charset))


@cache
def _decoder(carrier: str, codec: Charset) -> Callable[[bytes], str]:
    table = repertoire(carrier, codec)
    mapping = input_map(table, "sjis" if codec == SHIFT_JIS else "utf8")

    def decode_bytes(data: bytes) -> str:
        data = bytes(data)
        if codec == UTF_8:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise DecodeError(exc.start, "invalid UTF-8") from None
        elif table == "softbank":
            text = _decode_softbank_sjis(data)
        else:
            text = decode_cp932(data)
        if codec == SHIFT_JIS:
            text = text.replace("\uff5e", "\u301c")  # 8160 is WAVE DASH in JIS and on handsets
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return translate_pua(text, mapping, carrier)

    return decode_bytes


def from_carrier_pua(text: str, carrier: str) -> str:
    """Turn a carrier's private-use emoji (as in its UTF-8 forms) into canonical text."""
    table = repertoire(carrier, normalise_charset(carrier, UTF_8))
    return translate_pua(text, input_map(table, "utf8"), carrier)
