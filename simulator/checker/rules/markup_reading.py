"""How a handset's browser reads a page, for the markup rules: which elements and attributes
it reads, whether it shows the page at all, which CSS selectors i-mode browser 1.0 keeps."""
from __future__ import annotations

import re
from dataclasses import dataclass

from carriers.markup_support import XHTML_MEDIA_TYPES, BrowserSupport
from simulator.checker.page import CheckedPage, Element, attribute_name, tag_name

#: media types that carry a page of markup (text/plain is shown as it is, and left alone)
MARKUP_TYPES = frozenset({"text/html", "text/x-hdml", "text/vnd.wap.wml", *XHTML_MEDIA_TYPES})
#: elements whose content or function is lost where the browser does not read them
FUNCTION_ELEMENTS = frozenset({
    "a", "applet", "area", "audio", "base", "button", "canvas", "datalist", "embed", "form",
    "frame", "frameset", "iframe", "img", "input", "map", "object", "optgroup", "option",
    "picture", "script", "select", "source", "svg", "textarea", "video"})
#: attributes never reported: namespaces and language tags change nothing a user sees
QUIET_ATTRIBUTES = frozenset({"xmlns", "lang", "xml:lang", "xml:space"})
#: CSS selectors i-mode browser 1.0 reads in a <style> element
_LINK_SELECTOR = re.compile(r"a:(link|visited|focus)", re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/|<!\[CDATA\[|\]\]>|<!--|-->", re.DOTALL)
_CSS_RULE = re.compile(r"([^{}]+)\{[^}]*\}")
_ERROR_AT = re.compile(r"line ([0-9]+), column ([0-9]+)")
#: characters of the line shown before the point an XML error names
ERROR_CONTEXT = 60


def reading(page: CheckedPage) -> BrowserSupport:
    """Return how the handset reads this page (an i-XHTML handset reads text/html as HTML)."""
    return page.support.reading(page.media_type)


def shown(page: CheckedPage) -> bool:
    """Tell whether the handset shows the page as markup at all (see markup.media-type)."""
    media = page.media_type
    return not (media in MARKUP_TYPES and media not in page.support.media_types)


def is_stylesheet(element: Element) -> bool:
    """Tell whether an element is a <style> or a <link rel="stylesheet"> (the CSS rule's)."""
    name = tag_name(element)
    return name == "style" or (
        name == "link" and "stylesheet" in (element.get("rel") or "").lower().split())


def loses_function(element: Element) -> bool:
    """Tell whether a browser that drops this element loses content or function."""
    name = tag_name(element)
    return name in FUNCTION_ELEMENTS or (
        name == "meta" and (element.get("http-equiv") or "").lower() == "refresh")


@dataclass
class Verdict:
    """What the browser makes of one element name on a page."""

    support: str
    first: Element
    count: int = 1
    #: some occurrence loses content or function when dropped
    loses: bool = False


def element_verdicts(page: CheckedPage) -> dict[str, Verdict]:
    """Return, per element name on the page (first seen first), what the browser makes of it."""
    support = reading(page)
    found: dict[str, Verdict] = {}
    if support.permissive or not shown(page):
        return found
    for element in page.all_elements:
        if is_stylesheet(element):
            continue
        name = tag_name(element)
        verdict = found.get(name)
        if verdict is None:
            verdict = found[name] = Verdict(support.element(name), element, 0)
        verdict.count += 1
        verdict.loses = verdict.loses or loses_function(element)
    return found


def attribute_verdicts(page: CheckedPage) -> dict[tuple[str, str], Verdict]:
    """Return, per (element, attribute) on elements the browser reads, what it makes of it."""
    support = reading(page)
    found: dict[tuple[str, str], Verdict] = {}
    if support.permissive or not shown(page):
        return found
    for element in page.all_elements:
        name = tag_name(element)
        if support.element(name) != "yes":
            continue
        for raw in element.attrib:
            attribute = attribute_name(raw)
            if attribute in QUIET_ATTRIBUTES or attribute.startswith("xmlns") or (
                    attribute == "style"):
                continue
            verdict = found.get((name, attribute))
            if verdict is None:
                found[(name, attribute)] = Verdict(support.attribute(name, attribute), element)
            else:
                verdict.count += 1
    return found


def error_excerpt(page: CheckedPage, error: str) -> str:
    """Return the page's text where an XML parser's error message points (line, column)."""
    found = _ERROR_AT.search(error)
    if found is None:
        return ""
    lines = page.text.splitlines()
    number, column = int(found.group(1)), int(found.group(2))
    if not 0 < number <= len(lines):
        return ""
    line = lines[number - 1]
    start = max(0, column - ERROR_CONTEXT)
    return f"line {number}: {line[start:column + ERROR_CONTEXT // 2]}"


def root_excerpt(page: CheckedPage) -> str:
    """Return the start tag of the page's root element, "" when there is none."""
    root = page.root
    return page.excerpt(root) if root is not None else ""


def times(count: int) -> str:
    """Return how many times something occurs, for a message."""
    return "once" if count == 1 else f"{count} times"


def other_selectors(css: str) -> list[str]:
    """Return the selectors of a style sheet other than a:link, a:visited and a:focus."""
    text = _CSS_COMMENT.sub("", css)
    found: list[str] = []
    for block in _CSS_RULE.finditer(text):
        for selector in block.group(1).split(","):
            selector = " ".join(selector.split())
            if selector and not _LINK_SELECTOR.fullmatch(selector) and selector not in found:
                found.append(selector)
    return found
