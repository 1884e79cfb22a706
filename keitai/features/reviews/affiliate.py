"""The affiliate link of an item, built from KEITAI_AFFILIATE_TEMPLATE.

The template is an address with placeholders: {isbn} (the ISBN-13), {isbn10} (a 978 ISBN's
ISBN-10), {jan} (the 13-digit barcode of any item with one: a book's is its ISBN-13) and
{title} (the item's title); each value is URL-quoted. An item gets a link only when every
placeholder of the template has a value for it and the result is an http(s) address; pages
show it through /exit, as every link off the site.
"""
from __future__ import annotations

from string import Formatter
from urllib.parse import quote, urlsplit

from keitai.features.reviews.codes import Code

#: the placeholders a template may use
PLACEHOLDERS = frozenset(("isbn", "isbn10", "jan", "title"))


def _fields(template: str) -> list[str] | None:
    """Return the placeholders of a template, None when it is malformed or uses others."""
    try:
        parsed = list(Formatter().parse(template))
    except ValueError:
        return None
    names = []
    for _text, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            return None
        names.append(name)
    return names


def affiliate_url(template: str | None, code: str | None, title: str) -> str | None:
    """Return the item's affiliate address, or None (no template, a placeholder without a
    value, a template that is no http(s) address)."""
    if not template:
        return None
    names = _fields(template)
    if names is None:
        return None
    parsed = Code(code) if code else None
    values = {"isbn": parsed.digits if parsed and parsed.is_isbn else None,
              "isbn10": parsed.isbn10 if parsed else None,
              "jan": parsed.digits if parsed else None,
              "title": title or None}
    if any(values[name] is None for name in names):
        return None
    url = template.format(**{name: quote(value or "", safe="")
                             for name, value in values.items()})
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return url
