"""Canonical text to the bytes a handset's page needs; never raises for any str."""
from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from functools import cache
from typing import Literal

from emoji_maps.charsets import SHIFT_JIS, UTF_8, Charset, normalise_charset, repertoire
from emoji_maps.outmaps import Profile, profile
from emoji_maps.sjis import IBM_STAND_INS, code_of
from emoji_maps.subsets import emoji_set as named_set

Errors = Literal["replace", "html"]
_CODEC = {SHIFT_JIS: "cp932", UTF_8: "utf-8"}
_HANDLER = {"replace": "emoji_maps.replace", "html": "emoji_maps.html"}
#: two or more web-code runs of the same page in a row, to be merged into one
_SAME_PAGE_RUNS = re.compile(r"\x1b\$([GEFOPQ])[\x21-\x7a]*\x0f(?:\x1b\$\1[\x21-\x7a]*\x0f)+")


def _unencodable(exc: UnicodeError, as_html: bool) -> tuple[bytes, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = bytearray()
    for char in exc.object[exc.start:exc.end]:
        point = ord(char)
        if point in IBM_STAND_INS:
            out += code_of(char).to_bytes(2, "big")
        elif as_html and not 0xD800 <= point <= 0xDFFF:
            out += b"&#%d;" % point
        else:
            out += b"?"
    return bytes(out), exc.end


def replace_errors(exc: UnicodeError) -> tuple[bytes, int]:
    """Write ? for each character the page's charset lacks (codec error handler)."""
    return _unencodable(exc, as_html=False)


def html_errors(exc: UnicodeError) -> tuple[bytes, int]:
    """Write &#NNNN; for each character the page's charset lacks, ? for lone surrogates."""
    return _unencodable(exc, as_html=True)


codecs.register_error(_HANDLER["replace"], replace_errors)
codecs.register_error(_HANDLER["html"], html_errors)


def _merge_runs(match: re.Match[str]) -> str:
    return match.group().replace("\x0f\x1b$" + match.group(1), "")


def rewrite(text: str, rules: Profile) -> str:
    """Replace what the profile matches in text; leave everything else alone."""
    if rules.keycaps and "\u20e3" in text:
        text = rules.shorten_keycaps(text)
    parts = rules.pattern.split(text)
    if len(parts) == 1:
        return text
    get, resolve = rules.table.get, rules.resolve
    parts[1::2] = [found if (found := get(m)) is not None else resolve(m) for m in parts[1::2]]
    text = "".join(parts)
    if rules.web_codes and "\x1b" in text:
        text = _SAME_PAGE_RUNS.sub(_merge_runs, text)
    return text


def encode(text: str, carrier: str, charset: str | None = None, *,
           errors: Errors = "replace", emoji_set: str | None = None) -> bytes:
    """Encode canonical text into the bytes a handset's page needs, emoji included.

    errors="replace" writes ? for characters the charset lacks; errors="html" (for HTML pages)
    writes numeric character references instead and HTML-escapes the text fallbacks.
    emoji_set names the part of the carrier's emoji the handset shows (see EMOJI_SETS, e.g.
    "docomo-basic"); the others are written as if the carrier lacked them.
    """
    return encoder(carrier, charset, errors=errors, emoji_set=emoji_set)(text)


def encoder(carrier: str, charset: str | None = None, *, errors: Errors = "replace",
            emoji_set: str | None = None) -> Callable[[str], bytes]:
    """Return encode() for one kind of page, as a function of the text alone.

    The charset, the emoji set and the rewriting profile are looked up once.
    """
    codec = normalise_charset(carrier, charset)
    if errors not in _HANDLER:
        raise ValueError(f"errors must be 'replace' or 'html', not {errors!r}")
    return _encoder(carrier, codec, errors, emoji_set)


@cache
def _encoder(carrier: str, codec: Charset, errors: Errors,
             emoji_set: str | None) -> Callable[[str], bytes]:
    rep = repertoire(carrier, codec)
    rules = profile(rep, codec, errors == "html", named_set(emoji_set, rep))
    name, handler = _CODEC[codec], _HANDLER[errors]

    def encode_text(text: str) -> bytes:
        return rewrite(text, rules).encode(name, handler)

    return encode_text


def to_carrier_pua(text: str, carrier: str) -> str:
    """Turn canonical text into a carrier's private-use emoji, as its UTF-8 pages show them."""
    codec = normalise_charset(carrier, UTF_8)
    return rewrite(text, profile(repertoire(carrier, codec), codec, False))
