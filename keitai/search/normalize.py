"""One folded form of Japanese text, for the index and the query alike.

Folding makes the forms a phone's input modes give for the same word one string:

- Unicode NFKC: full-width Latin letters and digits become ASCII, half-width katakana
  full-width (ﾗｰﾒﾝ -> ラーメン, ｶﾞ -> ガ);
- case: casefold (ＡＢＣ, ABC and abc are one);
- katakana becomes hiragana (ラーメン -> らーめん; ヴ -> ゔ);
- the prolonged sound mark goes (らーめん -> らめん), so a word typed with or without it, or
  with a hyphen in its place after kana, is one word (コンピューター = コンピュータ);
- the wave dash family (〜 U+301C, ～ U+FF5E, ∼, ⁓, 〰) becomes ~, the dash family (‐ – — ―
  −) becomes -;
- emoji variation selectors (U+FE0E, U+FE0F) go: a ☀ typed on a docomo handset arrives as
  U+2600 and one typed on an iPhone as U+2600 U+FE0F; both are stored canonical (emoji_maps).

`fold` is the fast form for whole documents and queries; `fold_map` folds the same way one
character cluster at a time and says where each folded character came from, so that the
words a query matched can be marked in the text as it was written.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: before NFKC: variation selectors go; the spacing voiced sound marks (゛゜), which NFKC
#: would turn into a space and a combining mark, become the combining marks themselves
_BEFORE = str.maketrans({"\ufe0e": None, "\ufe0f": None, "\u309b": "\u3099", "\u309c": "\u309a"})
_WAVES = "\u301c\uff5e\u223c\u2053\u3030\u223f"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63"
#: after NFKC: katakana -> hiragana, waves -> ~, dashes -> -, the prolonged sound mark goes
_AFTER: dict[int, int | None] = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}
_AFTER.update({ord(char): ord("~") for char in _WAVES})
_AFTER.update({ord(char): ord("-") for char in _DASHES})
_AFTER[0x30FC] = None  # ー
_AFTER[0xFF70] = None  # ｰ (NFKC makes it ー first; kept for fold_map's single characters)


def fold(text: str) -> str:
    """Return text folded for matching (see the module's notes)."""
    return unicodedata.normalize("NFKC", text.translate(_BEFORE)).casefold().translate(_AFTER)


def _joins_previous(char: str) -> bool:
    """Return True when char combines with the character before it (a combining mark, a
    half-width voiced sound mark, a variation selector)."""
    return (unicodedata.combining(char) != 0 or char in "\uff9e\uff9f\u309b\u309c"
            or char in "\ufe0e\ufe0f")


@lru_cache(maxsize=1 << 14)
def _fold_one(char: str) -> str:
    return fold(char)


#: characters that join the one before them (see _joins_previous)
_JOINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
                      "\u3099-\u309c\ufe0e\ufe0f\uff9e\uff9f]")


def fold_map(text: str) -> tuple[str, list[int], list[int]]:
    """Return (folded text, start, end): folded[i] came from text[start[i]:end[i]].

    Text is folded a cluster (a character and the marks joined to it) at a time, which gives
    the same string as `fold` for the text members write.
    """
    if _JOINING.search(text) is None:  # nearly all text: one character at a time, cached
        pieces = [_fold_one(char) for char in text]
        origins = [index for index, piece in enumerate(pieces) for _char in piece]
        return "".join(pieces), origins, [origin + 1 for origin in origins]
    folded: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    index, length = 0, len(text)
    while index < length:
        end = index + 1
        while end < length and _joins_previous(text[end]):
            end += 1
        piece = fold(text[index:end])
        folded.append(piece)
        starts.extend([index] * len(piece))
        ends.extend([end] * len(piece))
        index = end
    return "".join(folded), starts, ends
