"""Keep a page inside the handset's byte budget by splitting it into numbered parts."""
from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import quote

from keitai.gateway.keymap import PART_NEXT, PART_NEXT_LABEL, PART_PREV, PART_PREV_LABEL
from keitai.gateway.split import BODY_END, BODY_START, PageTooSmall, split_page
from keitai.numbers import parse_number

#: query parameter that selects a part of a split page
PART_PARAM = "pp"
_DROP = (PART_PARAM, "ksid", "guid")
#: what stays as it is in a query item and in a path: the rest is percent-encoded
_QUERY_SAFE = "%=;/:@!$'()*+,?~-._"
_PATH_SAFE = "/%:@!$&'()*+,;=~-._"
_TEXT_AREA = re.compile(r"(<textarea\b[^>]*>).*?(</textarea>)", re.S | re.I)
#: an input a member types into: any but hidden fields, buttons, check boxes and radios
_TEXT_INPUT = re.compile(
    r'<input\b(?![^>]*\stype="(?:hidden|submit|reset|button|image|checkbox|radio)")[^>]*>',
    re.I)
_VALUE = re.compile(r'\svalue="[^"]*"', re.I)


def query_without(raw_query: str, names: tuple[str, ...] = _DROP) -> str:
    """Return the raw (still percent-encoded) query without the named parameters; bytes a
    client sent unencoded (controls, quotes, non-ASCII) are percent-encoded."""
    kept = [quote(item.encode("latin-1", "replace"), safe=_QUERY_SAFE)
            for item in raw_query.split("&")
            if item and item.split("=", 1)[0].lower() not in names]
    return "&".join(kept)


def part_nav(path: str, raw_query: str, key_label: Callable[[str], str],
             rewrite: Callable[[str], str]) -> Callable[[int, int], str]:
    """Return the nav builder for split pages: previous/next part links on the keys and with
    the labels of the site's key map (never the list pager's 前へ/次へ, which may share the
    page)."""
    base_query = query_without(raw_query)

    def href(index: int) -> str:
        query = "&".join(q for q in (base_query, f"{PART_PARAM}={index + 1}") if q)
        return html.escape(f"{quote(path, safe=_PATH_SAFE)}?{query}")

    def nav(index: int, count: int) -> str:
        links = []
        if index > 0:
            links.append(f'<a href="{href(index - 1)}" accesskey="{PART_PREV}">'
                         f"{key_label(PART_PREV)}{PART_PREV_LABEL}</a>")
        links.append(f"{index + 1}/{count}")
        if index < count - 1:
            links.append(f'<a href="{href(index + 1)}" accesskey="{PART_NEXT}">'
                         f"{key_label(PART_NEXT)}{PART_NEXT_LABEL}</a>")
        return rewrite("<div>" + " ".join(links) + "</div>")

    return nav


def requested_part(value: str | None) -> int:
    """Return the 0-based part index a request asks for."""
    number = parse_number(value)
    return max(number - 1, 0) if number is not None else 0


def fit_page(text: str, limit: int | None, encode: Callable[[str], bytes],
             nav: Callable[[int, int], str], part: int, comfortable: int | None = None) -> bytes:
    """Encode a page, splitting it when it is over the comfortable size (the limit when None),
    and return the requested part.

    Parts are cut at the comfortable size; a page with a unit (a form, a text area) too big
    for a part of that size is cut at the limit instead, so that unit still comes whole.
    """
    body = encode(_unmarked(text))
    if limit is None:
        return body
    size = min(comfortable or limit, limit)
    if len(body) <= size or not _splittable(text):
        return body  # the HTML of no template of ours (a redirect's) is never shown: whole

    def measure(piece: str) -> int:
        return len(encode(piece))

    for budget in dict.fromkeys((size, limit)):  # the comfortable size, then the limit
        try:
            pages = split_page(text, budget, measure, nav)
        except PageTooSmall:
            continue
        return encode(_unmarked(pages[min(part, len(pages) - 1)]))
    emptied = without_typed_text(text)
    if emptied == text:
        raise PageTooSmall(f"no part of {limit} bytes holds the page")
    pages = split_page(emptied, limit, measure, nav)
    return encode(_unmarked(pages[min(part, len(pages) - 1)]))


def without_typed_text(page: str) -> str:
    """Return the page with its text fields and text areas empty.

    A form is never split across pages, so a form shown again with all that was sent (a
    refused post of 5000 characters, on a handset of 5 KB pages) can be larger than any
    page: it is then shown empty rather than not at all. Hidden fields stay as they are.
    """
    page = _TEXT_AREA.sub(r"\1\2", page)
    return _TEXT_INPUT.sub(lambda tag: _VALUE.sub(' value=""', tag.group(0)), page)


def _splittable(page: str) -> bool:
    """Return True when the page has the one body region a split needs (our templates')."""
    return page.count(BODY_START) == 1 and page.count(BODY_END) == 1


def _unmarked(page: str) -> str:
    """Drop the body-region markers: the handset pays for every byte."""
    return page.replace(BODY_START, "", 1).replace(BODY_END, "", 1)
