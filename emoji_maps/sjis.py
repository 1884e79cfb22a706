"""Shift_JIS arithmetic and the cp932 codec as handsets use it, with byte offsets on errors.

Handsets speak cp932-style Shift_JIS: JIS X 0208, NEC row 13, the IBM extensions and the
user-defined area F040–F9FC, where docomo, au and most SoftBank emoji live (SoftBank's row FB
shares its codes with IBM kanji). Python's ``cp932`` codec maps that area one to one onto
U+E000–U+E757, so emoji bytes there pass through the C codec as private-use characters and are
translated afterwards, in both directions.
"""
from __future__ import annotations

import re
from functools import cache

from emoji_maps.charsets import DecodeError

#: trail bytes of a double-byte Shift_JIS character, in order
TRAIL_BYTES = bytes(range(0x40, 0x7F)) + bytes(range(0x80, 0xFD))
_TRAIL_INDEX = {trail: index for index, trail in enumerate(TRAIL_BYTES)}
_UDA_FIRST, _ROW_FC_LAST = 0xF040, 0xFCFC
#: characters that cp932 decodes from a single byte, for turning a text index into a byte offset
_SINGLE_BYTE_CHARS = re.compile("[\x00-\x80\uff61-\uff9f\uf8f0-\uf8f3]")
#: what Python's cp932 decodes from bytes that are not Shift_JIS text: 80, A0, FD, FE, FF
_STRAY_BYTE_CHARS = re.compile("[\x80\uf8f0-\uf8f3]")


def sjis_index(code: int) -> int:
    """Return the position of a two-byte code, counting only valid trail bytes."""
    return (code >> 8) * len(TRAIL_BYTES) + _TRAIL_INDEX[code & 0xFF]


def sjis_code(index: int) -> int:
    """Return the two-byte code at a position counted by sjis_index."""
    lead, trail = divmod(index, len(TRAIL_BYTES))
    return lead << 8 | TRAIL_BYTES[trail]


def cp932_pua(code: int) -> str:
    """Return the private-use character cp932 gives for a code in the user-defined area.

    The same arithmetic is carried on over rows FA–FC, where cp932 has IBM kanji instead, to
    name SoftBank's row-FB emoji by characters that no decoding of bytes ever produces.
    """
    if not _UDA_FIRST <= code <= _ROW_FC_LAST or (code & 0xFF) not in _TRAIL_INDEX:
        raise ValueError(f"{code:04X} is not a code from row F0 to FC")
    return chr(0xE000 + sjis_index(code) - sjis_index(_UDA_FIRST))


def code_of(stand_in: str) -> int:
    """Return the two-byte code that a character from cp932_pua stands for."""
    return sjis_code(sjis_index(_UDA_FIRST) + ord(stand_in) - 0xE000)


def decode_cp932(data: bytes) -> str:
    """Decode data as cp932; raise DecodeError with the offset of the first bad bytes."""
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError as exc:
        reason = "truncated character" if exc.reason.startswith("incomplete") else "invalid bytes"
        raise DecodeError(exc.start, reason) from None
    stray = _STRAY_BYTE_CHARS.search(text)
    if stray is not None:
        raise DecodeError(byte_length(text, 0, stray.start()), "byte outside Shift_JIS")
    return text


def byte_length(decoded: str, start: int, end: int) -> int:
    """Return how many bytes decoded[start:end] took, decoded by decode_cp932."""
    return 2 * (end - start) - len(_SINGLE_BYTE_CHARS.findall(decoded, start, end))


@cache
def ibm_preferred() -> dict[str, int]:
    """Map each IBM-extension character Python encodes as an NEC-selected code to its IBM code.

    Microsoft's cp932 (and what handsets send) uses FA40–FC4B for these; Python picks the
    duplicate in rows ED/EE, which would not round trip a handset's bytes.
    """
    preferred: dict[str, int] = {}
    for lead in (0xFA, 0xFB, 0xFC):
        for trail in TRAIL_BYTES:
            code = lead << 8 | trail
            try:
                char = code.to_bytes(2, "big").decode("cp932")
            except UnicodeDecodeError:
                continue
            if char.encode("cp932")[0] in (0xED, 0xEE):
                preferred[char] = code
    return preferred


#: characters Python's cp932 cannot encode, written the way Japanese Windows and handsets do
NORMALISE = {
    "\u2014": "\u2015",  # EM DASH: JIS 815C, which cp932 decodes as HORIZONTAL BAR
    "\u00a5": "\uffe5",  # YEN SIGN: full width, so it never turns into a backslash
    "\u203e": "\uffe3",  # OVERLINE: full-width macron
    "\u00a6": "\uffe4",  # BROKEN BAR: full width, written as its IBM code FA55
}

#: cp932_pua of rows FA–FC: private use cp932 cannot encode, so on output these stand in for
#: IBM codes that the error handler writes; being in the BMP they keep the text narrow
IBM_STAND_INS = range(ord(cp932_pua(0xFA40)), ord(cp932_pua(0xFCFC)) + 1)
