"""ISO-2022-JP as handsets write it, to and from Shift_JIS bytes (the CP50220 way).

Handset mail says ``ISO-2022-JP`` but is looser than the standard: au puts its emoji in JIS rows
75–7B, au handsets and PCs write NEC row 13 (①, ㈱), iPhones write half-width kana after
``ESC ( I`` (or between SO and SI), and WILLCOM handsets put raw docomo Shift_JIS emoji between
the escapes. Rather than decode JIS directly, the bytes are turned into the Shift_JIS the handset
would have written (the JIS and Shift_JIS layouts are related by arithmetic), and the Shift_JIS
decoders with their emoji tables do the rest. Bytes above 7F pass through unchanged.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

#: 〓 GETA MARK in JIS X 0208 and Shift_JIS: a character there is no code for
GETA_JIS, GETA_SJIS = 0x222E, 0x81AC
_EMPTY: dict[int, int] = {}

_ASCII, _KANA, _KANJI, _OTHER = range(4)
#: escape sequences and locking shifts, and the mode each switches to
_MODES = {
    b"\x1b(B": _ASCII, b"\x1b(J": _ASCII, b"\x1b(H": _ASCII, b"\x1b(I": _KANA,
    b"\x1b$@": _KANJI, b"\x1b$B": _KANJI, b"\x1b&@": None, b"\x1b$(B": _KANJI,
    b"\x1b$(O": _KANJI, b"\x1b$(Q": _KANJI, b"\x1b$(D": _OTHER, b"\x1b$(P": _OTHER,
}
_SWITCH = re.compile(rb"\x1b(?:\([BJHI]|\$[@B]|&@|\$\([BOQDP])|[\x0e\x0f]")
_PAIR_OR_BYTE = re.compile(rb"[\x21-\x7e]{2}|.", re.S)
_KANA_BYTES = bytes.maketrans(bytes(range(0x21, 0x60)), bytes(range(0xA1, 0xE0)))
_KANA_BACK = bytes.maketrans(bytes(range(0xA1, 0xE0)), bytes(range(0x21, 0x60)))
_ESCAPE_TO = {_ASCII: b"\x1b(B", _KANA: b"\x1b(I", _KANJI: b"\x1b$B"}
_SJIS_TOKEN = re.compile(rb"[\x81-\x9f\xe0-\xfc][\x40-\x7e\x80-\xfc]|[\xa1-\xdf]+|[\x00-\x7f]+|.",
                         re.S)


def jis_to_sjis(code: int) -> int:
    """Return the Shift_JIS code of a JIS X 0208 code (rows 21–7E, by arithmetic)."""
    row, cell = code >> 8, code & 0xFF
    lead = ((row + 1) >> 1) + (0x70 if row <= 0x5E else 0xB0)
    if row & 1:
        trail = cell + (0x1F if cell <= 0x5F else 0x20)
    else:
        trail = cell + 0x7E
    return lead << 8 | trail


def sjis_to_jis(code: int) -> int:
    """Return the JIS X 0208 code of a Shift_JIS double-byte code (leads 81–9F, E0–EF)."""
    lead, trail = code >> 8, code & 0xFF
    row = (lead - (0x70 if lead <= 0x9F else 0xB0)) << 1
    if trail >= 0x9F:
        return row << 8 | (trail - 0x7E)
    return (row - 1) << 8 | (trail - (0x20 if trail >= 0x80 else 0x1F))


def to_sjis(data: bytes, emoji: Mapping[int, int] = _EMPTY) -> bytes:
    """Turn ISO-2022-JP bytes into Shift_JIS; emoji maps JIS codes to the carrier's SJIS codes.

    Unknown escapes and control bytes pass through; JIS X 0212 characters become 〓.
    """
    out = bytearray()
    mode, before_so, last = _ASCII, _ASCII, 0
    for match in _SWITCH.finditer(data):
        _convert(data[last:match.start()], mode, emoji, out)
        switch = match.group()
        if switch == b"\x0e":
            before_so, mode = (mode, _KANA) if mode != _KANA else (before_so, mode)
        elif switch == b"\x0f":
            mode = before_so if mode == _KANA else mode
        else:
            new = _MODES[switch]
            mode = mode if new is None else new  # ESC & @ only announces a JIS revision
        last = match.end()
    _convert(data[last:], mode, emoji, out)
    return bytes(out)


def _convert(chunk: bytes, mode: int, emoji: Mapping[int, int], out: bytearray) -> None:
    if not chunk:
        return
    if mode == _ASCII:
        out += chunk
    elif mode == _KANA:
        out += chunk.translate(_KANA_BYTES)
    else:
        for piece in _PAIR_OR_BYTE.findall(chunk):
            if len(piece) == 1:
                out += piece
                continue
            code = piece[0] << 8 | piece[1]
            if mode == _OTHER:
                sjis = GETA_SJIS
            else:
                sjis = emoji.get(code) or jis_to_sjis(code)
            out += sjis.to_bytes(2, "big")


def from_sjis(data: bytes, emoji: Mapping[int, int] = _EMPTY, *, raw_emoji: bool = False) -> bytes:
    """Turn Shift_JIS bytes into ISO-2022-JP: half-width kana after ESC ( I, back to ASCII at
    the end; emoji maps the carrier's SJIS emoji codes to JIS codes; other codes from row F0 on
    (user-defined, IBM) become 〓, or stay raw Shift_JIS between the escapes with raw_emoji
    (as WILLCOM handsets write docomo's emoji)."""
    out = bytearray()
    mode = _ASCII
    for token in _SJIS_TOKEN.findall(data):
        want, payload = _ASCII, token  # ASCII, and bytes that are no Shift_JIS: as they are
        if 0xA1 <= token[0] <= 0xDF:
            want, payload = _KANA, token.translate(_KANA_BACK)
        elif len(token) == 2 and token[0] >= 0x81:
            code = token[0] << 8 | token[1]
            jis = emoji.get(code)
            if jis is None and code < 0xF040:
                jis = sjis_to_jis(code)
            elif jis is None and not raw_emoji:
                jis = GETA_JIS
            if jis is not None:
                want, payload = _KANJI, jis.to_bytes(2, "big")
        if want != mode:
            out += _ESCAPE_TO[want]
            mode = want
        out += payload
    if mode != _ASCII:
        out += b"\x1b(B"
    return bytes(out)
