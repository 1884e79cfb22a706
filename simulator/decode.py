"""Read a page's bytes as its handset would: charset, carrier emoji and au icon numbers.

Each carrier emoji found becomes a marker in the text (see Decoded), so the screen can draw a
picture where text is shown and a plain character inside attribute values, and tell the tester
which carrier code it came from ("docomo F89F / U+E63E").
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import emoji_maps

_OPEN, _CLOSE = "\U0010fff0", "\U0010fff1"
MARKER = re.compile(f"{_OPEN}([0-9]+){_CLOSE}")
_PUA = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd]")
_SJIS = re.compile(rb"\x1b\$[GEFOPQ][\x21-\x7a]*\x0f?|[\x81-\x9f\xe0-\xfc][\x40-\x7e\x80-\xfc]")
_VS16 = "\ufe0f"
_KEYCAP = "\u20e3"
_GETA = "\u3013"  # what emoji_maps makes of a code no carrier table knows


@dataclass(frozen=True)
class Emoji:
    """One carrier emoji on a page."""

    #: canonical text (standard Unicode, else Google's private-use code)
    canonical: str
    #: where it came from, e.g. "docomo F89F / U+E63E"
    code: str

    @property
    def display(self) -> str:
        """Return what a PC draws: the standard emoji (as a picture), else a text fallback."""
        shown = emoji_maps.encode(self.canonical, "pc", "utf-8").decode("utf-8")
        if shown != self.canonical or _VS16 in shown:
            return shown
        if len(shown) == 1:
            return shown + _VS16
        if len(shown) == 2 and shown.endswith(_KEYCAP):
            return shown[0] + _VS16 + _KEYCAP
        return shown

    @property
    def title(self) -> str:
        """Return the hover text: carrier code and Japanese name."""
        name = emoji_maps.japanese_name(self.canonical)
        return f"{self.code} {name}" if name else self.code


@dataclass(frozen=True)
class Decoded:
    """A page's text with a marker where each carrier emoji was, and what was lost."""

    text: str
    emoji: tuple[Emoji, ...]
    charset: str
    #: characters that were not valid in the charset (shown as U+FFFD)
    bad_chars: int = 0

    def plain(self, text: str) -> str:
        """Return text with each marker replaced by its canonical emoji."""
        return MARKER.sub(lambda m: self.emoji[int(m.group(1))].canonical, text)


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.emoji: list[Emoji] = []

    def add(self, emoji: Emoji) -> None:
        self.parts.append(f"{_OPEN}{len(self.emoji)}{_CLOSE}")
        self.emoji.append(emoji)


def decode_body(body: bytes, carrier: str, charset: str) -> Decoded:
    """Decode a response body in charset, marking the carrier's emoji."""
    built = _Builder()
    if charset == "shift_jis":
        _shift_jis(body, carrier, built)
    elif charset == "utf-8":
        text = body.decode("utf-8", "replace").replace(_OPEN, "").replace(_CLOSE, "")
        last = 0
        for match in _PUA.finditer(text):
            built.parts.append(text[last:match.start()])
            built.add(pua_emoji(match.group(), carrier))
            last = match.end()
        built.parts.append(text[last:])
    else:
        built.parts.append(body.decode(charset, "replace"))
    text = "".join(built.parts)
    return Decoded(text, tuple(built.emoji), charset, text.count("\ufffd"))


def _shift_jis(body: bytes, carrier: str, built: _Builder) -> None:
    last = 0
    for match in _SJIS.finditer(body):
        token = match.group()
        if token[0] == 0x1B and carrier == "softbank":
            found = [_web_code(token[2:3], bytes([c])) for c in token[3:] if c != 0x0F]
        elif token[0] >= 0xF0:
            found = [e] if (e := sjis_emoji(token, carrier)) else []
        else:
            continue
        if found and all(found):
            built.parts.append(_run(body[last:match.start()], carrier))
            for emoji in found:
                built.add(emoji)  # type: ignore[arg-type]
            last = match.end()
    built.parts.append(_run(body[last:], carrier))


def _run(data: bytes, carrier: str) -> str:
    try:
        return emoji_maps.decode(data, carrier, "shift_jis")
    except emoji_maps.DecodeError:
        return data.decode("cp932", "replace")


@functools.lru_cache(maxsize=4096)
def sjis_emoji(pair: bytes, carrier: str) -> Emoji | None:
    """Return the emoji a two-byte Shift_JIS code is on a carrier's page, or None."""
    try:
        canonical = emoji_maps.decode(pair, carrier, "shift_jis")
    except emoji_maps.DecodeError:
        return None
    if canonical in (pair.decode("cp932", "replace"), _GETA):
        return None  # a kanji or user-defined character, not an emoji of this carrier
    return Emoji(canonical, f"{carrier} {pair.hex().upper()}{_unicode(canonical, carrier)}")


@functools.lru_cache(maxsize=1024)
def _web_code(page: bytes, char: bytes) -> Emoji | None:
    code = b"\x1b$" + page + char + b"\x0f"
    try:
        canonical = emoji_maps.decode(code, "softbank", "shift_jis")
    except emoji_maps.DecodeError:
        return None
    label = f"softbank ESC ${(page + char).decode('ascii')}{_unicode(canonical, 'softbank')}"
    return Emoji(canonical, label)


@functools.lru_cache(maxsize=4096)
def pua_emoji(char: str, carrier: str) -> Emoji:
    """Return the emoji a private-use character on a carrier's UTF-8 page stands for."""
    canonical = emoji_maps.from_carrier_pua(char, carrier)
    return Emoji(canonical, f"{carrier} U+{ord(char):04X}")


def _unicode(canonical: str, carrier: str) -> str:
    own = emoji_maps.to_carrier_pua(canonical, carrier)
    return f" / U+{ord(own):04X}" if len(own) == 1 and _PUA.match(own) else ""


@functools.lru_cache(maxsize=1024)
def localsrc_emoji(number: int) -> Emoji | None:
    """Return the emoji an au page's <img localsrc="N"> shows, or None for unknown numbers."""
    found = emoji_maps.from_au_localsrc(number)
    if found is None:
        return None
    return Emoji(found, f"au localsrc {number}{_unicode(found, 'au')}")
