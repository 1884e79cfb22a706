"""Carrier and charset names, which emoji set a carrier reads, and the decoding error."""
from __future__ import annotations

from typing import Final, Literal

Charset = Literal["shift_jis", "utf-8"]
#: the emoji repertoire a handset reads: a carrier's table, standard Unicode, or none
Repertoire = Literal["docomo", "kddi", "softbank", "unicode", "none"]

SHIFT_JIS: Final[Charset] = "shift_jis"
UTF_8: Final[Charset] = "utf-8"

CARRIERS: Final = ("docomo", "au", "softbank", "willcom", "smartphone", "pc")

#: the charset of a carrier's pages and forms when the caller names none
DEFAULT_CHARSET: Final[dict[str, Charset]] = {
    "docomo": SHIFT_JIS, "au": SHIFT_JIS, "willcom": SHIFT_JIS,
    "softbank": UTF_8, "smartphone": UTF_8, "pc": UTF_8,
}

#: whose emoji table a carrier's handsets use (WILLCOM handsets show docomo's i-mode emoji)
_EMOJI_TABLE: Final[dict[str, Repertoire]] = {
    "docomo": "docomo", "au": "kddi", "softbank": "softbank", "willcom": "docomo",
    "smartphone": "unicode", "pc": "unicode",
}

_ALIASES: Final[dict[str, Charset]] = {
    name: SHIFT_JIS
    for name in ("shift_jis", "shift-jis", "sjis", "x-sjis", "s-jis", "cp932", "ms932",
                 "windows-31j", "ms_kanji", "csshiftjis", "cswindows31j")
} | {"utf-8": UTF_8, "utf8": UTF_8, "utf_8": UTF_8}


class DecodeError(ValueError):
    """Bytes from a handset are not text in its charset; nothing of them should be stored."""

    def __init__(self, offset: int, reason: str) -> None:
        super().__init__(f"{reason} at byte {offset}")
        #: where the bad bytes start in the data given to decode
        self.offset = offset
        #: what is wrong, in a few words
        self.reason = reason


def normalise_charset(carrier: str, charset: str | None) -> Charset:
    """Return the canonical charset name for a carrier's bytes; raise ValueError if unknown."""
    if carrier not in DEFAULT_CHARSET:
        raise ValueError(f"unknown carrier {carrier!r}; expected one of {', '.join(CARRIERS)}")
    if charset is None:
        return DEFAULT_CHARSET[carrier]
    try:
        return _ALIASES[charset.strip().lower()]
    except KeyError:
        raise ValueError(f"unsupported charset {charset!r}") from None


def repertoire(carrier: str, charset: Charset) -> Repertoire:
    """Return which emoji a carrier's page in this charset can show."""
    table = _EMOJI_TABLE[carrier]
    if table == "unicode" and charset == SHIFT_JIS:
        return "none"
    return table
