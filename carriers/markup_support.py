"""What each handset's browser reads: markup language and version, elements, attributes, CSS,
image formats and emoji set, keyed by model where the carriers' data is per model.

support_for(handset) -> BrowserSupport answers "yes", "no" or "unknown" for an element or an
attribute; "unknown" is where the published data stops (i-mode HTML 5.0 and later, i-XHTML
deltas, SoftBank and au tag tables), and the compliance checker reports it as info only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from carriers.handset import Handset

Support = Literal["yes", "no", "unknown"]


@dataclass(frozen=True)
class BrowserSupport:
    """One browser generation's abilities, as far as the published data goes."""

    carrier: str
    #: markup language: "i-mode HTML", "i-XHTML", "i-mode browser 2.0", "XHTML MP",
    #: "SoftBank XHTML", "J-PHONE HTML", "MML", "HTML5"
    language: str
    #: version of that language ("5.0", "1.1", "6.2"), "" where there is none
    version: str
    #: the generation a reviewer groups handsets by, e.g. "docomo i-mode HTML 5.0"
    generation: str
    #: the page must be well-formed XML
    xml: bool
    #: media types the browser renders (lower case, without parameters)
    media_types: frozenset[str]
    #: charsets the browser reads ("shift_jis", "utf-8")
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

    def element(self, name: str) -> Support:
        """Tell whether the browser reads an element."""
        name = name.lower()
        if name in self.elements:
            return "yes"
        if self.complete or name in self.absent:
            return "no"
        return "unknown"

    def attribute(self, element: str, name: str) -> Support:
        """Tell whether the browser reads an attribute of an element."""
        element, name = element.lower(), name.lower()
        known = self.elements.get(element)
        if known is not None and name in known:
            return "yes"
        if f"{element}@{name}" in self.absent:
            return "no"
        return "no" if self.complete and known is not None else "unknown"


def support_for(handset: Handset) -> BrowserSupport:
    """Return what the handset's browser reads (interim: by markup family only)."""
    xml = handset.markup in ("ixhtml", "xhtml_mp")
    media = frozenset({"text/html"} | ({"application/xhtml+xml"} if xml or
                                          handset.markup == "html5" else set()))
    images = {"gif": frozenset({"gif"}), "png": frozenset({"png"})}.get(
        handset.image_format, frozenset({"gif", "jpeg", "png"}))
    counts = handset.carrier == "docomo" and handset.cache_kb is not None
    return BrowserSupport(
        carrier=handset.carrier, language=handset.markup, version="",
        generation=f"{handset.carrier} {handset.markup} {handset.browser or ''}".strip(),
        xml=xml, media_types=media, charsets=frozenset({handset.charset, "shift_jis"}),
        external_css=handset.markup == "html5", inline_css=handset.markup != "chtml",
        image_formats=images, progressive_jpeg=handset.markup == "html5",
        counts_images=counts,
        image_limit_bytes=(handset.cache_kb or 0) * 1024 if counts else None,
        comfortable_bytes=None, extended_emoji=True)
