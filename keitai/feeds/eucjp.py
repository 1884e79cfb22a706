"""EUC-JP as Windows and PHP sites write it (eucJP-ms / CP51932), which Python lacks.

Python's euc_jp knows JIS X 0208 and 0212 only, so the NEC special characters of row 13
(①, ㈱, №) and the NEC-selected IBM extensions of rows 89-92 (髙, 﨑) that Japanese blog
services write fail; euc_jis_2004 reads row 13 but takes rows 89-92 for other kanji
(0xFCE2 would become a wrong character instead of 髙). Here those rows are read through their
Shift_JIS (cp932) form, the rest with euc_jp, and user-defined areas are refused.
"""
from __future__ import annotations

import re

#: runs that Python's euc_jp reads as they are (JIS X 0208 rows other than 13 and 85-94,
#: half-width kana, JIS X 0212 below the eucJP-ms user areas)
_PLAIN = re.compile(rb"(?:[\x00-\x7f]|[\xa1-\xac\xae-\xf4][\xa1-\xfe]|\x8e[\xa1-\xdf]"
                    rb"|\x8f[\xa1-\xf2][\xa1-\xfe])+")
#: one character of the extensions
_EXTENSION = re.compile(rb"[\xad\xf9-\xfc][\xa1-\xfe]|\x8f[\xf3\xf4][\xa1-\xfe]")

#: eucJP-ms puts the IBM extensions JIS X 0212 lacks at 0x8FF3F3-0x8FF4A2
_IBM_IN_0212 = {
    **{bytes([0x8F, 0xF3, 0xF3 + index]): chr(0x2170 + index) for index in range(10)},
    b"\x8f\xf3\xfd": "\uffe2", b"\x8f\xf3\xfe": "\uffe4",
    b"\x8f\xf4\xa1": "\uff07", b"\x8f\xf4\xa2": "\uff02",
}


def to_shift_jis(lead: int, trail: int) -> bytes:
    """Return the Shift_JIS bytes of the EUC-JP two-byte character lead, trail."""
    row, cell = lead & 0x7F, trail & 0x7F
    first = ((row + 1) >> 1) + (0x70 if row <= 0x5E else 0xB0)
    if row & 1:
        second = cell + (0x1F if cell < 0x60 else 0x20)
    else:
        second = cell + 0x7E
    return bytes([first, second])


def from_shift_jis(data: bytes) -> bytes:
    """Return the EUC-JP bytes of one Shift_JIS double-byte character (for the fixtures)."""
    first, second = data[0], data[1]
    row = (first - (0x70 if first <= 0x9F else 0xB0)) * 2 - 1
    if second >= 0x9F:
        row, cell = row + 1, second - 0x7E
    else:
        cell = second - (0x1F if second < 0x7F else 0x20)
    return bytes([row | 0x80, cell | 0x80])


def decode_eucjp_ms(data: bytes) -> str:
    """Decode eucJP-ms / CP51932 bytes strictly; raise UnicodeDecodeError."""
    parts: list[str] = []
    position = 0
    while position < len(data):
        plain = _PLAIN.match(data, position)
        if plain:
            try:
                parts.append(plain.group().decode("euc_jp"))
            except UnicodeDecodeError as error:
                raise _error(data, position + error.start, error.reason) from None
            position = plain.end()
            continue
        extension = _EXTENSION.match(data, position)
        if extension is None:
            raise _error(data, position, "not eucJP-ms")
        code = extension.group()
        if code in _IBM_IN_0212:
            parts.append(_IBM_IN_0212[code])
        elif len(code) == 2:
            text = to_shift_jis(code[0], code[1]).decode("cp932")
            if "\ue000" <= text <= "\uf8ff":
                raise _error(data, position, "user-defined character")
            parts.append(text)
        else:
            raise _error(data, position, "user-defined character")
        position = extension.end()
    return "".join(parts)


def _error(data: bytes, position: int, reason: str) -> UnicodeDecodeError:
    return UnicodeDecodeError("eucjp-ms", data, position, position + 1, reason)
