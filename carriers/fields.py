"""Defensive readers for the numbers and tokens that User-Agents and gateway headers carry.

Everything a handset or a stranger sends is bounded here: a field that is too long, not plain
ASCII or out of range reads as "unknown" (None) instead of raising or growing without limit.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping

#: characters of a User-Agent that are parsed and cached; the rest is never looked at
MAX_USER_AGENT_CHARS = 512
#: longest header value read into a Handset (longer values are treated as absent)
MAX_VALUE_CHARS = 64
#: largest browser cache in KB believed (i-mode tops out at 500, WILLCOM at 256)
MAX_CACHE_KB = 2048
#: largest screen side in pixels believed
MAX_PIXELS = 4096

#: looks a lower-case header name up in the request headers; None when absent
HeaderGet = Callable[[str], "str | None"]

_ID = re.compile(r"[A-Za-z0-9._@\-]{1,64}")


def bounded_int(text: str | None, low: int, high: int) -> int | None:
    """Return text as an int when it is 1-9 ASCII digits within [low, high], else None."""
    # what [0-9]{1,9} would match, told by str methods (a regular expression costs more)
    if text is None or len(text) > 9 or not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if low <= value <= high else None


def cache_kb(text: str | None) -> int | None:
    """Return a browser cache size in KB from its digits, None when absent or absurd."""
    return bounded_int(text, 1, MAX_CACHE_KB)


def pixel_pair(text: str | None, separator: str) -> tuple[int, int] | None:
    """Return (width, height) from "240,268"-style text, None unless exactly two sane numbers."""
    if text is None:
        return None
    parts = text.strip().split(separator)
    if len(parts) != 2:
        return None
    width = bounded_int(parts[0].strip(), 1, MAX_PIXELS)
    height = bounded_int(parts[1].strip(), 1, MAX_PIXELS)
    return (width, height) if width is not None and height is not None else None


def clean_value(text: str | None) -> str | None:
    """Return a header value stripped, if it is short printable ASCII; else None."""
    # [\x20-\x7e]+ told by str methods: for ASCII, isprintable() is exactly \x20-\x7e
    if not text or len(text) > MAX_VALUE_CHARS or not (text.isascii() and text.isprintable()):
        return None
    return text.strip() or None


def identifier(text: str | None) -> str | None:
    """Return a subscriber id or serial if it looks like one (short, no spaces); else None."""
    if text is None:
        return None
    text = text.strip()
    return text if _ID.fullmatch(text) else None


def clip_user_agent(user_agent: object) -> str:
    """Return the part of a User-Agent that is parsed: a str of at most MAX_USER_AGENT_CHARS."""
    if not isinstance(user_agent, str):
        return ""
    return user_agent[:MAX_USER_AGENT_CHARS].strip()


def header_getter(headers: Mapping[str, str] | None) -> HeaderGet:
    """Return a case-insensitive lookup of lower-case header names; long values read as None."""
    if headers is None:
        return _absent
    if type(headers).__name__ == "EnvironHeaders" and isinstance(
            environ := getattr(headers, "environ", None), dict):
        def from_environ(name: str) -> str | None:  # Werkzeug's view of the WSGI environ
            return short_value(environ.get(environ_key(name)))

        return from_environ
    lowered = {str(name).lower(): value for name, value in headers.items()}

    def from_mapping(name: str) -> str | None:
        return short_value(lowered.get(name))

    return from_mapping


def short_value(value: object) -> str | None:
    """Return a header value as it is when it is a str of at most MAX_VALUE_CHARS, else None."""
    return value if isinstance(value, str) and len(value) <= MAX_VALUE_CHARS else None


@functools.lru_cache(maxsize=256)
def environ_key(name: str) -> str:
    """Return the WSGI environ key of a lower-case header name (x-up-subno: HTTP_X_UP_SUBNO)."""
    return "HTTP_" + name.upper().replace("-", "_")


def _absent(name: str) -> str | None:
    return None
