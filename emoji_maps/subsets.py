"""Emoji sets: the part of a carrier's table that a kind of handset shows on web pages.

An emoji outside a handset's set is written as if the carrier lacked it: its text fallback,
else 〓 (the tables have no "nearest emoji" inside a set, only towards a carrier).

- docomo: i-mode pages show 252 of the table's 282 codes (the other 30, scattered over
  F94A–F971, are ticket, "ぴ" and F-D-S-C-R marks outside the web set): 176 basic emoji on
  every browser, up to Shift_JIS F9B0 (U+E70B), and 76 extended ones, F9B1–F9FC
  (U+E70C–U+E757), from i-mode HTML 4.0 on. Sources: gihyo.jp/dev/serial/01/mobilesite-php/0004
  (176 + 76, extended from HTML 4.0), japan.cnet.com/article/20388261/ (extended F9B1–F9FC) and
  jpmobile's docomo table (lib/jpmobile/emoticon/docomo.rb: the 252 web emoji); the runs below
  are the codes the tables mark as web emoji (a test keeps them so).
- SoftBank: C-type handsets (J-PHONE/2.x and 3.x) show U+E001–U+E257, web code pages G, E and
  F; P, W and 3GC types show U+E001–U+E537. Source: gihyo.jp/dev/serial/01/mobilesite-php/0004.
"""
from __future__ import annotations

from dataclasses import dataclass

from emoji_maps.charsets import Repertoire


@dataclass(frozen=True, eq=False)  # one instance per name: hashed by identity, cheaply
class EmojiSet:
    """The private-use codes of one carrier table that some handsets show."""

    name: str
    #: the carrier table the set is part of
    table: Repertoire
    #: (first, last) private-use code runs of the table that the handsets show
    runs: tuple[tuple[int, int], ...]

    def shows(self, codes: tuple[int, ...]) -> bool:
        """Tell whether every code of one emoji (a code or a sequence) is in the set."""
        return all(any(first <= code <= last for first, last in self.runs) for code in codes)


#: name -> the set; the names the gateway passes to emoji_maps.encode(emoji_set=...)
EMOJI_SETS: dict[str, EmojiSet] = {each.name: each for each in (
    EmojiSet("docomo-web", "docomo", ((0xE63E, 0xE6A5), (0xE6AC, 0xE6AE), (0xE6B1, 0xE6B3),
                                      (0xE6B7, 0xE6BA), (0xE6CE, 0xE757))),
    EmojiSet("docomo-basic", "docomo", ((0xE63E, 0xE6A5), (0xE6AC, 0xE6AE), (0xE6B1, 0xE6B3),
                                        (0xE6B7, 0xE6BA), (0xE6CE, 0xE70B))),
    EmojiSet("softbank-c-type", "softbank", ((0xE001, 0xE257),)),
)}


def emoji_set(name: str | None, table: Repertoire) -> EmojiSet | None:
    """Return the named set of a page's table, None for the whole table; raise ValueError for
    an unknown name or another table's set."""
    if name is None:
        return None
    found = EMOJI_SETS.get(name)
    if found is None:
        raise ValueError(f"unknown emoji set {name!r}; expected one of {', '.join(EMOJI_SETS)}")
    if found.table != table:
        raise ValueError(f"emoji set {name!r} is part of the {found.table} table, "
                         f"not of this page's ({table})")
    return found
