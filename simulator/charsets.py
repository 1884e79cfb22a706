"""Which charset a response is in: Content-Type, else the page's own declaration, else the
handset's default."""
from __future__ import annotations

import codecs
import re

_PARAM = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:\-]+)", re.IGNORECASE)
_META = re.compile(rb"<meta\s[^>]*charset\s*=\s*[\"']?([A-Za-z0-9_.:\-]+)", re.IGNORECASE)
_XML = re.compile(rb"<\?xml\s[^>]*encoding\s*=\s*[\"']([A-Za-z0-9_.:\-]+)", re.IGNORECASE)
_SHIFT_JIS = frozenset({"shift_jis", "shift-jis", "sjis", "x-sjis", "s-jis", "cp932", "ms932",
                        "windows-31j", "ms_kanji", "csshiftjis", "cswindows31j"})
#: bytes of a page searched for a charset declaration
SNIFF_BYTES = 4096


def normalise(label: str | None) -> str | None:
    """Return "shift_jis", "utf-8" or another Python codec name; None for unknown labels."""
    if not label:
        return None
    name = label.strip().lower()
    if name in _SHIFT_JIS:
        return "shift_jis"
    try:
        found = codecs.lookup(name).name
    except LookupError:
        return None
    return "utf-8" if found == "utf-8" else found


def declared_charset(content_type: str | None, body: bytes) -> str | None:
    """Return the charset the response declares in its header or its first bytes, or None."""
    for found in (_PARAM.search(content_type or ""), _META.search(body[:SNIFF_BYTES]),
                  _XML.search(body[:SNIFF_BYTES])):
        if found is not None:
            label = found.group(1)
            charset = normalise(label if isinstance(label, str) else label.decode("ascii"))
            if charset is not None:
                return charset
    return None


def page_charset(content_type: str | None, body: bytes, default: str) -> str:
    """Return the charset to read a response in, falling back to the handset's own."""
    return declared_charset(content_type, body) or normalise(default) or "utf-8"
