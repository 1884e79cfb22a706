"""What each handset's browser reads: markup language and version, elements, attributes, CSS,
image formats and emoji set, decided per model from carriers/data/markup_support.json.

support_for(handset) -> BrowserSupport answers "yes", "no" or "unknown" for an element or an
attribute; "unknown" is where the published data stops (i-mode HTML 4.0 and later, i-XHTML
deltas, SoftBank and au tag tables), and the compliance checker reports it as info only.
docomo is keyed by model (the i-mode HTML and i-XHTML version of each), falling back on the
User-Agent's cache field; au by UP.Browser version; SoftBank by J-PHONE browser type.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal, NamedTuple

from carriers.handset import Handset, per_handset
from carriers.markup_data import compose, docomo_fallback, docomo_model

Support = Literal["yes", "no", "unknown"]
#: media types that make a browser read the page as XHTML
XHTML_MEDIA_TYPES = frozenset({"application/xhtml+xml", "application/vnd.wap.xhtml+xml"})

_VERSION = re.compile(r"([0-9]{1,2})\.([0-9])")


@dataclass(frozen=True)
class BrowserSupport:
    """One browser generation's abilities, as far as the published data goes."""

    carrier: str
    #: markup language: "i-mode HTML", "i-XHTML", "i-mode browser 2.0", "XHTML MP",
    #: "SoftBank XHTML", "J-PHONE HTML", "MML", "HDML", "HTML", "HTML5"
    language: str
    #: version of that language ("5.0", "2.1"; au: the UP.Browser version "6.2"), "" for none
    version: str
    #: the generation a reviewer groups handsets by, e.g. "docomo i-mode HTML 2.0-5.0"
    generation: str
    #: the page must be well-formed XML when sent as XHTML (a strict XML parser reads it)
    xml: bool
    #: media types the browser renders (lower case, without parameters)
    media_types: frozenset[str]
    #: charsets the browser reads, as Python codec names ("shift_jis", "utf-8", "euc_jp")
    charsets: frozenset[str]
    #: <link rel="stylesheet"> is loaded
    external_css: bool
    #: style="" attributes are applied
    inline_css: bool
    #: picture formats shown: "gif", "jpeg", "png"
    image_formats: frozenset[str]
    #: progressive JPEG is shown
    progressive_jpeg: bool
    #: the page limit counts the page's images too
    counts_images: bool
    #: bytes the page and its images may reach together where counts_images, else None
    image_limit_bytes: int | None
    #: page size that still reads comfortably (packets, waiting), None for no advice
    comfortable_bytes: int | None
    #: docomo's 76 extended emoji are shown
    extended_emoji: bool
    #: elements known to be read -> attributes known for each
    elements: dict[str, frozenset[str]] = field(default_factory=dict)
    #: True where the element and attribute lists are complete for this version (absent
    #: means "no"); False where they are partial (absent means "unknown")
    complete: bool = False
    #: element and attribute names known to be absent even where the lists are partial
    absent: frozenset[str] = frozenset()
    #: names ("select", "a@to") the sources disagree on: "unknown" even in a complete list
    unconfirmed: frozenset[str] = frozenset()
    #: a full browser: every element and attribute is taken as read
    permissive: bool = False
    #: how the browser parses XHTML: "yes" strictly, "no" leniently, "unknown"
    xml_strict: Support = "no"
    #: <style> is read: "yes", "links" (only a:link/a:visited/a:focus rules), "no"
    style_element: str = "no"
    #: a page without a Content-Type header is not shown
    needs_content_type: bool = True
    #: what a reviewer calls this browser in a message, e.g. "i-mode HTML 1.0"
    label: str = ""
    #: how the generation was decided, e.g. "model N505i" or "cache c10 (model not in the data)"
    basis: str = ""
    #: for an XHTML handset, how it reads a page sent as text/html (the paired i-mode HTML)
    html_reading: BrowserSupport | None = None

    def element(self, name: str) -> Support:
        """Tell whether the browser reads an element."""
        name = name.lower()
        if self.permissive:
            return "yes"
        if name in self.absent:
            return "no"
        if name in self.unconfirmed:
            return "unknown"
        if name in self.elements:
            return "yes"
        return "no" if self.complete else "unknown"

    def attribute(self, element: str, name: str) -> Support:
        """Tell whether the browser reads an attribute of an element (whose element it reads;
        "unknown" for an attribute of an element it does not read)."""
        element, name = element.lower(), name.lower()
        if self.permissive:
            return "yes"
        pair = f"{element}@{name}"
        if element in self.unconfirmed or pair in self.unconfirmed:
            return "unknown"
        if pair in self.absent:
            return "no"
        known = self.elements.get(element)
        if known is not None and name in known:
            return "yes"
        return "no" if self.complete and known is not None else "unknown"

    def reading(self, media_type: str) -> BrowserSupport:
        """Return how the browser reads a page sent with that media type: an i-XHTML handset
        reads anything but an XHTML media type as its paired i-mode HTML."""
        if self.html_reading is not None and media_type not in XHTML_MEDIA_TYPES:
            return self.html_reading
        return self


class Choice(NamedTuple):
    """Which browser record and version a handset runs, and why."""

    browser: str
    version: str
    basis: str


#: support by the browser facts of a handset (see support_for); cleared when it grows past
#: CACHE_SIZE, so odd User-Agents cannot grow it without bound
_CACHE: dict[tuple[Any, ...], BrowserSupport] = {}
CACHE_SIZE = 1024


@per_handset
def support_for(handset: Handset) -> BrowserSupport:
    """Return what the handset's browser reads.

    Cached by the handset's browser facts only: a handset's terminal ids and address, which
    differ for every user, are not part of the key (nor read by what it computes); and for
    each Handset object, which a page asks several times.
    """
    key = (handset.carrier, handset.model, handset.cache_kb, handset.markup, handset.browser,
           handset.page_limit_bytes, handset.screen, handset.charset, handset.cookies)
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) >= CACHE_SIZE:
            _CACHE.clear()
        found = _CACHE[key] = _support_for(handset)
    return found


def _support_for(handset: Handset) -> BrowserSupport:
    chooser = _CHOOSERS.get(handset.carrier)
    choice = chooser(handset) if chooser else Choice(handset.carrier, "", handset.carrier)
    support = build(choice, handset)
    html = compose(choice.browser, choice.version).fields.get("html_version")
    if html:
        reading = build(Choice("docomo-chtml", html, f"i-mode HTML {html}, paired"), handset)
        support = replace(support, html_reading=_markup_of(reading, support))
    return support


def build(choice: Choice, handset: Handset) -> BrowserSupport:
    """Return the support of one browser record at one version, for one handset."""
    made = compose(choice.browser, choice.version)
    fields = made.fields
    version = choice.version or str(fields.get("version", ""))
    counts = bool(fields["counts_images"]) and handset.cache_kb is not None
    return BrowserSupport(
        carrier=str(fields["carrier"]), language=str(fields["language"]), version=version,
        generation=str(fields["generation"]), xml=fields["xml"] == "yes",
        media_types=frozenset(fields["media_types"]), charsets=frozenset(fields["charsets"]),
        external_css=bool(fields["external_css"]), inline_css=bool(fields["inline_css"]),
        image_formats=frozenset(fields["image_formats"]),
        progressive_jpeg=bool(fields["progressive_jpeg"]), counts_images=counts,
        image_limit_bytes=(handset.cache_kb or 0) * 1024 if counts else None,
        comfortable_bytes=_comfortable(fields, handset),
        extended_emoji=bool(fields["extended_emoji"]), elements=dict(made.elements),
        complete=made.complete, absent=made.absent, unconfirmed=made.unconfirmed,
        permissive=bool(fields.get("permissive", False)), xml_strict=fields["xml"],
        style_element=str(fields["style_element"]),
        needs_content_type=bool(fields["needs_content_type"]),
        label=str(fields["label"]).format(version=version).strip(), basis=choice.basis)


def _markup_of(reading: BrowserSupport, handset_support: BrowserSupport) -> BrowserSupport:
    """Return the handset's support with the markup of another reading (the paired HTML)."""
    return replace(
        handset_support, language=reading.language, version=reading.version,
        xml=reading.xml, xml_strict=reading.xml_strict, charsets=reading.charsets,
        external_css=reading.external_css, inline_css=reading.inline_css,
        style_element=reading.style_element, elements=reading.elements,
        complete=reading.complete, absent=reading.absent, unconfirmed=reading.unconfirmed,
        label=reading.label, basis=reading.basis, html_reading=None)


def _comfortable(fields: Mapping[str, Any], handset: Handset) -> int | None:
    kb = fields.get("comfortable_kb")
    small = fields.get("small_cache")
    if isinstance(small, dict) and handset.cache_kb is not None and (
            handset.cache_kb <= small["cache_kb"]):
        kb = small["comfortable_kb"]
    if not isinstance(kb, int):
        return None
    limit = handset.page_limit_bytes
    return kb * 1024 if limit is None else min(kb * 1024, limit)


def _docomo(handset: Handset) -> Choice:
    entry = docomo_model(handset.model)
    fallback = docomo_fallback()
    cache = handset.cache_kb
    if entry is not None:
        basis = f"model {handset.model}"
        if "browser" in entry:
            return Choice("docomo-browser2", "2.0", basis)
        if "ixhtml" in entry:
            return Choice("docomo-ixhtml", entry["ixhtml"], basis)
        return Choice("docomo-chtml", entry["html"], basis)
    unknown = f"cache c{cache or 5} ({handset.model or 'a model'} not in the data)"
    if cache is not None and cache >= fallback["browser2_from_cache_kb"]:
        return Choice("docomo-browser2", "2.0", unknown)
    if handset.markup == "ixhtml":
        return Choice("docomo-ixhtml", fallback["foma_ixhtml"], unknown)
    for most, html in fallback["mova_html_by_cache_kb"]:
        if (cache or 0) <= most:
            return Choice("docomo-chtml", html, unknown)
    return Choice("docomo-chtml", fallback["foma_chtml_html"], unknown)


def _au(handset: Handset) -> Choice:
    if handset.markup == "chtml":
        return Choice("au-hdml", "", f"{handset.browser or 'UP.Browser'}: HDML era")
    found = _VERSION.search(handset.browser or "")
    if found is None:
        return Choice("au-xhtml", "6.0", "UP.Browser version unknown: the oldest, 6.0")
    major, minor = int(found.group(1)), int(found.group(2))
    version = "7" if major >= 7 else "6.2" if (major, minor) >= (6, 2) else "6.0"
    return Choice("au-xhtml", version, f"{handset.browser}")


def _softbank(handset: Handset) -> Choice:
    if handset.markup != "chtml":
        return Choice("softbank-3gc", "", f"3G handset {handset.model or ''}".strip())
    found = _VERSION.search(handset.browser or "")
    if found is None:
        return Choice("softbank-c", "", "J-PHONE version unknown: the oldest, C type")
    major = int(found.group(1))
    browser = "softbank-c" if major < 4 else "softbank-p" if major < 5 else "softbank-w"
    return Choice(browser, found.group(0), f"{handset.browser}")


_CHOOSERS: dict[str, Callable[[Handset], Choice]] = {
    "docomo": _docomo, "au": _au, "softbank": _softbank}
