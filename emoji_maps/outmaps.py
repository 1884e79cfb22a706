"""What each character of canonical text becomes on a handset's page, before the C codec runs.

A profile is one compiled pattern over the few characters that need changing (emoji, private
use, some Shift_JIS troublemakers) and a dict giving each its replacement; everything else goes
straight to ``str.encode``. The pattern is a single character class, so the regex engine scans
for it at C speed; a flag is caught as a regional indicator followed by another. Keycaps start
with an ordinary digit, so they get their own pass, only when U+20E3 occurs at all.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from emoji_maps.charsets import SHIFT_JIS, Charset, Repertoire
from emoji_maps.decoding import GETA, PUA
from emoji_maps.sjis import NORMALISE, cp932_pua, ibm_preferred
from emoji_maps.subsets import EmojiSet
from emoji_maps.tables import CARRIER_TABLES, Emoji, tables

#: dropped on carrier pages: variation selectors, zero-width joiner, skin tones
_INVISIBLE = "\ufe0e\ufe0f\u200d\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff"
_PRIVATE_AND_ASTRAL = "\ue000-\uf8ff\U0001f000-\U0010ffff"
_INDICATOR = "[\U0001f1e6-\U0001f1ff]"
_KEYS = frozenset("#*0123456789")
#: SoftBank Shift_JIS codes that are emoji: IBM kanji there are written with their NEC code
_SOFTBANK_ROW_FB = range(0xFB41, 0xFBDF)


@dataclass(frozen=True)
class Profile:
    """How canonical text is rewritten for one kind of page."""

    repertoire: Repertoire
    #: one capturing group, so that split() keeps what it matched at odd positions
    pattern: re.Pattern[str]
    table: dict[str, str]
    #: keycaps, with and without U+FE0F -> a character the table knows them by
    keycaps: dict[str, str]
    #: whether emoji are written as SoftBank web codes, whose runs are merged
    web_codes: bool = False

    def resolve(self, found: str) -> str:
        """Return what a match the table lacks becomes: an unknown flag, emoji or PUA."""
        if len(found) > 1:  # a flag the carrier lacks: each letter's fallback, [B][R]
            return "".join(self.table.get(c) or self.resolve(c) for c in found)
        if PUA.match(found) or (self.repertoire in CARRIER_TABLES and
                                "\U0001f000" <= found <= "\U0001faff"):
            return GETA
        return found

    def shorten_keycaps(self, text: str) -> str:
        """Replace keycaps by characters the table knows; a keycap it lacks by its key."""
        pieces, last, mark = [], 0, text.find("\u20e3")
        while mark >= 0:
            start = mark - 2 if text[max(mark - 1, 0)] == "\ufe0f" else mark - 1
            if start >= last and text[start] in _KEYS:
                pieces += [text[last:start], self.keycaps.get(text[start:mark + 1], text[start])]
                last = mark + 1
            mark = text.find("\u20e3", mark + 1)
        pieces.append(text[last:])
        return "".join(pieces)


def _carrier_form(table: str, charset: Charset, pua: int) -> str:
    """Return how one carrier emoji is written in a page of that charset, as text."""
    code = tables().codes[table][pua]
    if table == "kddi":
        return cp932_pua(code.sjis) if charset == SHIFT_JIS else chr(code.alt or code.pua)
    if table == "softbank" and charset == SHIFT_JIS and code.alt:
        return f"\x1b${chr(code.alt >> 8)}{chr(code.alt & 0xFF)}\x0f"
    return chr(pua)  # docomo's private use is also cp932's


def _emoji_form(e: Emoji, rep: Repertoire, charset: Charset, as_html: bool,
                shown: EmojiSet | None) -> str:
    if rep in CARRIER_TABLES and rep in e.codes and (shown is None or shown.shows(e.codes[rep])):
        return "".join(_carrier_form(rep, charset, pua) for pua in e.codes[rep])
    if rep == "unicode" and e.standard:
        return e.canonical
    if e.fallback:
        return html.escape(e.fallback) if as_html else e.fallback
    if rep == "none" and e.standard:
        return e.canonical  # a PC in Shift_JIS: the codec writes ? or a character reference
    return " " if e.canonical.isspace() else GETA


def _shift_jis_extras(rep: Repertoire) -> dict[str, str]:
    extras = {c: cp932_pua(code) for c, code in ibm_preferred().items()  # see IBM_STAND_INS
              if not (rep == "softbank" and code in _SOFTBANK_ROW_FB)}
    for char, written in NORMALISE.items():
        extras[char] = extras.get(written, written)
    if rep == "softbank":
        extras |= {"\x1b": "", "\x0f": ""}  # would open or close a web code
    return extras


def _char_class(chars: Iterable[str]) -> str:
    """Return a regex class body for the single BMP characters outside private use."""
    points = sorted({ord(c) for c in chars
                     if len(c) == 1 and ord(c) < 0x10000 and not 0xE000 <= ord(c) <= 0xF8FF})
    spans: list[list[int]] = []
    for cp in points:
        if spans and spans[-1][1] == cp - 1:
            spans[-1][1] = cp
        else:
            spans.append([cp, cp])
    return "".join(re.escape(chr(a)) + ("" if a == b else "-" + re.escape(chr(b)))
                   for a, b in spans)


@cache
def profile(rep: Repertoire, charset: Charset, as_html: bool,
            shown: EmojiSet | None = None) -> Profile:
    """Build the rewriting profile of one kind of page (for handsets that show only part of
    the table, given), once."""
    t = tables()
    table = {key: _emoji_form(e, rep, charset, as_html, shown) for key, e in t.by_key.items()}
    if rep == "unicode":
        return Profile(rep, re.compile("([\ue000-\uf8ff\U000f0000-\U0010ffff])"), table, {})
    keycaps = {}
    for e in t.emoji:
        if e.canonical.endswith("\u20e3") and e.google:
            keycaps[e.canonical] = keycaps[e.canonical.replace("\u20e3", "\ufe0f\u20e3")] = e.google
    table |= dict.fromkeys(_INVISIBLE, "")
    if charset == SHIFT_JIS:
        table |= _shift_jis_extras(rep)
    pair = f"(?:(?<={_INDICATOR}){_INDICATOR})?"
    pattern = re.compile(f"([{_char_class(table)}{_PRIVATE_AND_ASTRAL}]{pair})")
    return Profile(rep, pattern, table, keycaps, rep == "softbank" and charset == SHIFT_JIS)
