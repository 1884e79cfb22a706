"""Emoji by name: English (emoji4unicode), short aliases, Japanese; au icon numbers."""
from __future__ import annotations

import functools
import re
import unicodedata
from functools import cache

from emoji_maps.tables import Emoji, tables

#: short names for templates and tests; each value is an emoji4unicode name
ALIASES = {
    "sun": "BLACK SUN WITH RAYS", "cloud": "CLOUD", "rain": "UMBRELLA WITH RAIN DROPS",
    "snow": "SNOWMAN WITHOUT SNOW", "thunder": "HIGH VOLTAGE SIGN", "typhoon": "CYCLONE",
    "fog": "FOGGY", "moon": "CRESCENT MOON", "star": "WHITE MEDIUM STAR", "sparkles": "SPARKLES",
    "heart": "HEAVY BLACK HEART", "broken_heart": "BROKEN HEART", "fire": "FIRE",
    "phone": "BLACK TELEPHONE", "mobile": "MOBILE PHONE", "mail": "ENVELOPE", "camera": "CAMERA",
    "pc": "PERSONAL COMPUTER", "clock": "WATCH", "bell": "BELL", "car": "AUTOMOBILE",
    "train": "RAILWAY CAR", "bus": "BUS", "airplane": "AIRPLANE", "house": "HOUSE BUILDING",
    "school": "SCHOOL", "beer": "BEER MUG", "coffee": "HOT BEVERAGE", "cake": "SHORTCAKE",
    "ramen": "STEAMING BOWL", "music": "MUSICAL NOTE", "present": "WRAPPED PRESENT",
    "smile": "SMILING FACE WITH OPEN MOUTH", "wink": "WINKING FACE", "sad": "DISAPPOINTED FACE",
    "angry": "POUTING FACE", "crying": "LOUDLY CRYING FACE", "sweat": "SPLASHING SWEAT SYMBOL",
    "sleepy": "SLEEPING SYMBOL", "ok": "SQUARED OK", "ng": "SQUARED NG", "new": "SQUARED NEW",
    "free": "SQUARED FREE", "good": "THUMBS UP SIGN", "question": "BLACK QUESTION MARK ORNAMENT",
    "exclamation": "HEAVY EXCLAMATION MARK SYMBOL", "dog": "DOG FACE", "cat": "CAT FACE",
    "fish": "FISH", "flower": "TULIP", "cherry_blossom": "CHERRY BLOSSOM", "apple": "RED APPLE",
    "soccer": "SOCCER BALL", "baseball": "BASEBALL", "bomb": "BOMB", "kiss": "KISS MARK",
}
_SEPARATORS = re.compile(r"[\s_\-]+")


def _key(name: str) -> str:
    return _SEPARATORS.sub(" ", unicodedata.normalize("NFKC", name).casefold()).strip(" :")


@cache
def _names() -> dict[str, str]:
    t = tables()
    found = {_key(e.name): e.canonical for e in t.emoji}
    for alias, name in ALIASES.items():
        found.setdefault(_key(alias), found[_key(name)])
    for table in ("docomo", "kddi", "softbank"):  # the first carrier to use a name keeps it
        for code in t.codes[table].values():
            if code.name_ja:
                found.setdefault(_key(code.name_ja), code.canonical)
    return found


def _emoji(char: str) -> Emoji | None:
    return tables().by_key.get(char) or tables().by_key.get(char.replace("\ufe0f", ""))


def lookup(name: str) -> str | None:
    """Return the canonical emoji for an English, alias or Japanese name, e.g. "sun", "晴れ"."""
    return _names().get(_key(name))


def japanese_name(char: str) -> str | None:
    """Return a Japanese name for a canonical emoji (docomo's, else au's, else SoftBank's)."""
    e = _emoji(char)
    if e is None:
        return None
    for table in ("docomo", "kddi", "softbank"):
        if e.round_trip.get(table):
            name = tables().codes[table][e.codes[table][0]].name_ja
            if name:
                return name
    return None


@functools.lru_cache(maxsize=1)
def _by_au_number() -> dict[int, str]:
    return {code.number: code.canonical for code in tables().codes["kddi"].values()
            if code.number is not None}


def from_au_localsrc(number: int) -> str | None:
    """Return the canonical emoji an au page's <img localsrc="N"> shows, or None."""
    return _by_au_number().get(number)


def au_localsrc(char: str) -> int | None:
    """Return the au icon number (<img localsrc>) showing a canonical emoji, or its nearest."""
    e = _emoji(char)
    if e is None or len(e.codes.get("kddi", ())) != 1:
        return None
    return tables().codes["kddi"][e.codes["kddi"][0]].number
