"""Plain text out of a feed's titles and summaries, and the links worth keeping."""
from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import urljoin, urlsplit

#: the longest link kept (an entry whose link is longer is dropped)
LINK_MAX = 2048

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_HIDDEN = re.compile(r"<(script|style|template)\b.*?(?:</\1\s*>|$)", re.S | re.I)
_BLOCK = re.compile(r"<\s*/?\s*(?:br|p|div|li|ul|ol|dl|dt|dd|tr|td|th|table|h[1-6]|hr"
                    r"|blockquote|pre|section|article|header|footer|figure|figcaption)\b[^>]*>",
                    re.I)
_TAG = re.compile(r"</?[A-Za-z!?/][^>]*>?")
#: white space to fold into one space; the ideographic space U+3000 is kept as written
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f]+")
_ALLOWED_FORMAT = {"\u200d"}  # the zero-width joiner inside emoji sequences


def plain_text(value: str | None, limit: int, *, markup: bool = True) -> str:
    """Return value as one line of plain text of at most limit characters (tags removed
    when markup, entities decoded, NFC, control and private-use characters removed)."""
    if not value:
        return ""
    if markup:
        value = _COMMENT.sub("", value)
        value = _HIDDEN.sub(" ", value)
        value = _BLOCK.sub(" ", value)
        value = _TAG.sub("", value)
        value = html.unescape(value)
    value = unicodedata.normalize("NFC", value)
    value = "".join(_keep(char) for char in value)
    value = _SPACES.sub(" ", value).strip(" \u3000")
    return cut(value, limit)


def _keep(char: str) -> str:
    if char in "\t\n\r\f\v":
        return " "
    if char == "\ufffd":
        return "〓"
    category = unicodedata.category(char)
    if category in ("Cc", "Cs", "Co", "Cn") or (category == "Cf"
                                                and char not in _ALLOWED_FORMAT):
        return ""
    return char


def cut(value: str, limit: int) -> str:
    """Return value, cut to at most limit characters with "…" when it was longer."""
    if len(value) <= limit:
        return value
    shortened = value[:max(limit - 1, 0)].rstrip(" \u3000\u200d")
    while shortened and unicodedata.category(shortened[-1]) == "Mn":
        shortened = shortened[:-1]  # no combining mark or variation selector left alone
    return shortened + "…"


def web_link(value: str | None, base: str | None = None) -> str | None:
    """Return value as an absolute http/https URL (resolved against base), or None."""
    if not value:
        return None
    value = value.strip()
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in value):
        return None
    if base:
        try:
            value = urljoin(base, value)
        except ValueError:
            return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if parts.username is not None or len(value) > LINK_MAX:
        return None
    return value
