"""Find the start tags of links and forms in a page as a browser's HTML tokenizer reads them.

One compiled expression walks the page: text, comments, doctypes, end tags and every other
start tag are passed over inside the regular-expression engine, and only the tags the
gateway rewrites come back to Python. Attributes follow the HTML tokenizer's rules: a value
in double quotes, in single quotes or unquoted, names in any case, any whitespace (newlines
included) around attributes and around "=", "/" between them. What a browser does not read
as markup stays text: comments, and the content of <script>, <style>, <textarea>, <title>
(and the other raw-text elements), so a tag written there is never rewritten; after an <svg>
or a <math>, where those elements hold markup, nothing is skipped as raw text. A tag whose
quote never closes runs to the end of the page, as in a browser: nothing after it is markup.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

__all__ = ["Attribute", "Tag", "attributes", "find_tags", "first_href"]

#: what the HTML tokenizer takes for whitespace (a CR is a newline to it)
_WS = r"[\t\n\f\r ]"
_NAME = r"[^\t\n\f\r />][^\t\n\f\r />=]*+"
_VALUE = r"\"[^\"]*+\"|'[^']*+'|[^\t\n\f\r >\"'][^\t\n\f\r >]*+|(?=>)"
#: one attribute; an "=" after the name must be followed by a value, or it is no tag at all
_ATTR = rf"{_NAME}(?:{_WS}*+={_WS}*+(?:{_VALUE})|(?!{_WS}*+=))"
_ATTRS = rf"(?:[\t\n\f\r /]++|{_ATTR})*+"
#: the tags this module returns; their names must be followed by one of these to count
_WANTED = "a|area|form"
_END_OF_NAME = r"(?=[\t\n\f\r />])"
#: elements whose content is text to a browser, not markup
_RAW = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes")
#: where foreign content (SVG, MathML) starts: there <style> and <title> hold markup
_FOREIGN = "svg|math"
#: first letters of the start tags that need a closer look: wanted, raw-text and foreign
_CLOSER_LOOK = "aAfFiImMnNsStTxX"


def _walker(raw_text: bool) -> re.Pattern[str]:
    """Compile the expression that passes over markup up to the next tag of interest."""
    skip = (
        # first what most of a page is, cheaply: text; end tags and other start tags with no
        # quote in them, which therefore end at the first ">"
        rf"[^<]++|</[A-Za-z][^>\"']*+>|<(?![{_CLOSER_LOOK}])[A-Za-z][^>\"']*+>"
        r"|<(?:!--(?:-?>|.*?--!?>|.*)"  # a comment, to its end (or the page's)
        r"|[!?][^>]*+>?"  # doctype, XML declaration, CDATA, bogus comment
        rf"|/(?:[A-Za-z][^\t\n\f\r />]*+{_ATTRS}>|>|[^A-Za-z>][^>]*+>?)"  # end tag
    )
    if raw_text:
        # a raw-text element and its content, when it is not self-closed and its end tag
        # exists (one per name: Python 3.11 mishandles a group captured in a possessive loop)
        skip += "".join(rf"|{raw}{_END_OF_NAME}{_ATTRS}(?<!/)>.*?</{raw}{_END_OF_NAME}"
                        for raw in _RAW)
        stop = f"{_WANTED}|{_FOREIGN}"
    else:
        stop = _WANTED
    skip += rf"|(?!(?:{stop}){_END_OF_NAME})[A-Za-z][^\t\n\f\r />]*+{_ATTRS}>)"  # other tags
    return re.compile(
        # what our templates write comes first: href="..." as the first attribute
        rf"(?:{skip})*+(?:(?P<tag><(?P<name>{_WANTED}){_END_OF_NAME}"
        rf"(?P<attrs>(?:{_WS}++href=(?P<href>\"[^\"]*+\"))?+{_ATTRS})>)"
        rf"|(?P<foreign><(?:{_FOREIGN}){_END_OF_NAME})|(?P<open></?[A-Za-z])|<|\Z)",
        re.IGNORECASE | re.DOTALL)


_NEXT = _walker(raw_text=True)
#: after an <svg> or <math>: a browser may read <style> or <title> content there as markup
_NEXT_IN_FOREIGN = _walker(raw_text=False)
#: "href" anywhere (even in a value): where it appears, a tag is read attribute by attribute
_HREF = re.compile("href", re.IGNORECASE)
_ATTR_PARTS = re.compile(
    rf"(?P<name>{_NAME})(?:{_WS}*+={_WS}*+(?P<value>\"[^\"]*+\"|'[^']*+'|[^\t\n\f\r >]*+))?")


class Tag(NamedTuple):
    """A start tag of a link or form, as a browser reads it."""

    #: the element's name in lower case: a, area or form
    name: str
    #: where the tag starts and ends in the page ("<" and after ">")
    start: int
    end: int
    #: where its attributes start and end in the page
    attrs_start: int
    attrs_end: int
    #: where the value of an href written first, in double quotes, starts and ends (quotes
    #: included); -1 when the tag does not start so
    href_start: int
    href_end: int


#: one attribute of a tag: its value as written (without quotes, still escaped; "" when it
#: has none), and where the value, quotes included, starts and ends in the page (both at the
#: name's end for an attribute without a value)
Attribute = tuple[str, int, int]


def find_tags(page: str) -> Iterator[Tag]:
    """Yield the <a>, <area> and <form> start tags of a page, in order."""
    pos, size, walker = 0, len(page), _NEXT
    while pos < size:
        found = walker.match(page, pos)
        assert found is not None  # the expression always matches: at worst an empty string
        if found.group("tag") is not None:
            yield Tag(found.group("name").lower(), found.start("tag"), found.end(),
                      *found.span("attrs"), *found.span("href"))
        elif found.group("foreign") is not None:
            walker = _NEXT_IN_FOREIGN  # from here on, nothing is skipped as raw text
            pos = found.start("foreign")
            continue
        elif found.end() == pos or found.group("open") is not None:
            return  # the end of the page, or a tag that runs to it: no more markup follows
        pos = found.end()


def first_href(page: str, tag: Tag) -> Attribute | None:
    """Return the href of a tag that starts with one and has no other; else None.

    This is the shape of nearly every link of ours, and the quick way to read it.
    """
    if tag.href_start < 0 or _HREF.search(page, tag.href_end, tag.attrs_end) is not None:
        return None
    return page[tag.href_start + 1:tag.href_end - 1], tag.href_start, tag.href_end


def attributes(page: str, tag: Tag) -> dict[str, list[Attribute]]:
    """Return a tag's attributes by lower-case name, each name's values in order.

    A browser keeps the first of attributes written twice; the rest are returned too, so a
    caller may treat them all alike.
    """
    found: dict[str, list[Attribute]] = {}
    for part in _ATTR_PARTS.finditer(page, tag.attrs_start, tag.attrs_end):
        name, raw = part.group(1, 2)
        if raw is None:
            item = ("", part.end(), part.end())
        else:
            start, end = part.span(2)
            item = (raw[1:-1] if raw[:1] in ("'", '"') else raw, start, end)
        name = name.lower()
        if name in found:
            found[name].append(item)
        else:
            found[name] = [item]
    return found
