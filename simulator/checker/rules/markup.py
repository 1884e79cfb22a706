"""Markup: the media type, doctype, XML, elements, attributes and CSS the handset's browser
reads, per model and markup version (carriers.markup_support).

What the published data does not settle is reported as info, never as an error. An element
the browser does not read is an error only when its content or its function is lost (a form
control, an embedded object, a script); a presentational or head element it ignores leaves
the text readable and is a warning.
"""
from __future__ import annotations

from collections.abc import Iterator

from carriers.markup_support import XHTML_MEDIA_TYPES, BrowserSupport
from simulator.checker.findings import Finding
from simulator.checker.page import CheckedPage
from simulator.checker.rules import Rule, rule
from simulator.checker.rules.markup_reading import (
    MARKUP_TYPES,
    Verdict,
    attribute_verdicts,
    element_verdicts,
    error_excerpt,
    is_stylesheet,
    other_selectors,
    reading,
    root_excerpt,
    shown,
    times,
)


@rule
class MediaType(Rule):
    """The page is sent with a media type the handset does not show as a page, or with none."""

    id = "markup.media-type"
    severity = "error"
    title = "Media type the handset does not show"
    why = ("The browser decides from the Content-Type header whether it can show the page: "
           "a cHTML-only i-mode handset offers application/xhtml+xml as a download or an "
           "error, and docomo requires the header on every page.")
    fix = ("Send each handset the media type of the markup it reads: text/html to cHTML "
           "handsets, application/xhtml+xml to i-XHTML handsets; always send Content-Type.")

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Compare the Content-Type with the media types the browser renders."""
        support = page.support
        if not page.media_type:
            if support.needs_content_type:
                yield self.found(page, f"no Content-Type header: {page.profile.name} needs one "
                                       "to show the page")
        elif page.media_type in MARKUP_TYPES and page.media_type not in support.media_types:
            shown = ", ".join(sorted(support.media_types))
            yield self.found(page, f"{page.media_type} is not shown by {support.label} "
                                   f"({page.profile.name} shows {shown})", page.content_type)


@rule
class Doctype(Rule):
    """The DOCTYPE and the media type disagree about which markup the page is in."""

    id = "markup.doctype"
    severity = "warning"
    title = "DOCTYPE and media type disagree"
    why = ("An i-XHTML handset reads a page sent as text/html as i-mode HTML, whatever its "
           "DOCTYPE says: style attributes and XHTML-only elements are then lost. A page sent as "
           "XHTML without an XHTML DOCTYPE is not the markup the handset expects.")
    fix = ("Send XHTML pages as application/xhtml+xml with the handset's XHTML DOCTYPE (the "
           "i-XHTML one on docomo), and cHTML pages as text/html.")

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Compare the DOCTYPE with the media type the page is sent as."""
        support = page.support
        if support.permissive or page.media_type not in support.media_types:
            return
        xhtml_doctype = "xhtml" in page.doctype.lower()
        if page.media_type in XHTML_MEDIA_TYPES and not xhtml_doctype:
            yield self.found(page, f"sent as {page.media_type} without an XHTML DOCTYPE",
                             page.doctype or root_excerpt(page))
        elif xhtml_doctype and reading(page) is not support:
            html = reading(page)
            yield self.found(page, f"an XHTML DOCTYPE sent as {page.media_type}: "
                                   f"{page.profile.name} reads the page as {html.label}, "
                                   f"not {support.label}", page.doctype)


class _WellFormed(Rule):
    """Base of the well-formedness rules: an XHTML page that is not well-formed XML."""

    #: the xml_strict value of the browsers this rule reports
    strict = "yes"

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Report an XHTML page the XML parser refuses, on browsers that parse it so."""
        if (page.media_type in XHTML_MEDIA_TYPES and page.media_type in page.support.media_types
                and page.support.xml_strict == self.strict and page.xml_error):
            yield self.found(page, f"not well-formed XML: {page.xml_error}",
                             error_excerpt(page, page.xml_error))


@rule
class NotWellFormed(_WellFormed):
    """An XHTML page a strict XML browser cannot parse."""

    id = "markup.not-well-formed"
    severity = "error"
    title = "XHTML page that is not well-formed"
    why = ("i-XHTML handsets (and full browsers) read XHTML with an XML parser: at the first "
           "well-formedness error they show an error instead of the page.")
    fix = ("Close every element, quote every attribute, escape & as &amp;, and check the page "
           "with an XML parser before it ships.")


@rule
class NotWellFormedUnconfirmed(_WellFormed):
    """An XHTML page that is not well-formed, on a browser whose strictness is unknown."""

    id = "markup.not-well-formed-unconfirmed"
    severity = "info"
    strict = "unknown"
    title = "XHTML page that is not well-formed (strictness unknown)"
    why = ("Whether this handset's browser refuses XHTML that is not well-formed is not "
           "documented; if it parses strictly, the page is not shown.")
    fix = "Make the page well-formed XML; it costs nothing on lenient browsers."


class _ElementRule(Rule):
    """Base of the element rules: one finding per element name per page."""

    def verdicts(self, page: CheckedPage) -> Iterator[tuple[str, Verdict]]:
        """Yield the element names this rule reports, with their verdicts."""
        raise NotImplementedError

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Report each element name the browser does not (or may not) read."""
        label = reading(page).label
        for name, verdict in self.verdicts(page):
            yield self.found(page, self.message(name, label, verdict), page.excerpt(verdict.first))

    def message(self, name: str, label: str, verdict: Verdict) -> str:
        """Return the finding's message."""
        return f"<{name}> ({times(verdict.count)}) is not part of {label}"


@rule
class ElementDropped(_ElementRule):
    """An element the browser does not read, whose content or function is then lost."""

    id = "markup.element"
    severity = "error"
    title = "Element the handset drops, with its function"
    why = ("The handset's markup version has no such element: a form control, object, frame "
           "or script it does not read never works, and the user cannot do what it offers.")
    fix = ("Use only the elements of the oldest markup version you serve (see the element "
           "tables per version), or send that handset a page without it.")

    def verdicts(self, page: CheckedPage) -> Iterator[tuple[str, Verdict]]:
        """Yield the unread elements that lose content or function."""
        for name, verdict in element_verdicts(page).items():
            if verdict.support == "no" and verdict.loses:
                yield name, verdict

    def message(self, name: str, label: str, verdict: Verdict) -> str:
        """Return the finding's message."""
        return f"{super().message(name, label, verdict)}: it does not work on this handset"


@rule
class ElementIgnored(_ElementRule):
    """A presentational or head element the browser does not read (its text still shows)."""

    id = "markup.element-ignored"
    severity = "warning"
    title = "Element the handset ignores"
    why = ("The handset's markup version has no such element: the browser shows the text "
           "inside it but not what the element was for (colour, layout, a table's grid).")
    fix = "Leave the element out for that handset, or accept that it has no effect there."

    def verdicts(self, page: CheckedPage) -> Iterator[tuple[str, Verdict]]:
        """Yield the unread elements whose text still shows."""
        for name, verdict in element_verdicts(page).items():
            if verdict.support == "no" and not verdict.loses:
                yield name, verdict

    def message(self, name: str, label: str, verdict: Verdict) -> str:
        """Return the finding's message."""
        return f"{super().message(name, label, verdict)}: the browser ignores it"


@rule
class ElementUnconfirmed(_ElementRule):
    """An element the published data does not settle for this markup version."""

    id = "markup.element-unconfirmed"
    severity = "info"
    title = "Element not confirmed for the handset"
    why = ("The carriers' tag lists for this markup version are not (all) public: whether the "
           "browser reads this element is unknown. Check it on the handset.")
    fix = "Check the element on a real handset or its emulator, or use a confirmed one."

    def verdicts(self, page: CheckedPage) -> Iterator[tuple[str, Verdict]]:
        """Yield the elements the data does not settle."""
        for name, verdict in element_verdicts(page).items():
            if verdict.support == "unknown":
                yield name, verdict

    def message(self, name: str, label: str, verdict: Verdict) -> str:
        """Return the finding's message."""
        return f"<{name}> ({times(verdict.count)}) is not confirmed for {label}"


class _AttributeRule(Rule):
    """Base of the attribute rules: one finding per element and attribute per page."""

    #: the support value this rule reports
    support = "no"

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Report each attribute the browser does not (or may not) read."""
        label = reading(page).label
        for (element, name), verdict in attribute_verdicts(page).items():
            if verdict.support == self.support:
                yield self.found(page, self.message(element, name, label, verdict),
                                 page.excerpt(verdict.first))

    def message(self, element: str, name: str, label: str, verdict: Verdict) -> str:
        """Return the finding's message."""
        return (f"{name}= on <{element}> ({times(verdict.count)}) is ignored by {label}")


@rule
class AttributeIgnored(_AttributeRule):
    """An attribute the browser does not read."""

    id = "markup.attribute"
    severity = "warning"
    title = "Attribute the handset ignores"
    why = ("The handset's markup version has no such attribute: the browser shows the element "
           "as if it were not there (no colour, no input mode, no alignment).")
    fix = ("Use the attribute the handset reads (istyle on i-mode HTML, -wap-input-format in "
           "i-XHTML, mode on SoftBank), or leave it out for that handset.")


@rule
class AttributeUnconfirmed(_AttributeRule):
    """An attribute the published data does not settle for this markup version."""

    id = "markup.attribute-unconfirmed"
    severity = "info"
    support = "unknown"
    title = "Attribute not confirmed for the handset"
    why = ("Whether the browser reads this attribute is not settled by the published tag "
           "lists. Check it on the handset.")
    fix = "Check the attribute on a real handset or its emulator, or use a confirmed one."

    def message(self, element: str, name: str, label: str, verdict: Verdict) -> str:
        """Return the finding's message."""
        return f"{name}= on <{element}> ({times(verdict.count)}) is not confirmed for {label}"


@rule
class CssIgnored(Rule):
    """CSS the browser does not apply: style attributes, <style>, external style sheets."""

    id = "markup.css-ignored"
    severity = "warning"
    title = "CSS the handset ignores"
    why = ("i-mode HTML (cHTML) and SoftBank's 2G browsers apply no CSS at all; i-mode browser "
           "1.0 reads style attributes but no external style sheet, and in <style> only the "
           "link colours. Colours, sizes and layout set there are lost.")
    fix = ("Use the presentational attributes those handsets read (font color, div align), "
           "inline style attributes on i-XHTML, and external CSS only for browsers that load "
           "it.")

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Report each kind of CSS the browser ignores, once per page."""
        support = reading(page)
        if support.permissive or not shown(page):
            return
        label = support.label
        styled = [e for e in page.all_elements if e.get("style") is not None]
        if styled and not support.inline_css:
            yield self.found(page, f"style attributes ({times(len(styled))}) are ignored by "
                                   f"{label}", page.excerpt(styled[0]))
        yield from self._style_elements(page, support)
        sheets = [e for e in page.elements("link") if is_stylesheet(e)]
        if sheets and not support.external_css:
            yield self.found(page, f"external style sheets ({times(len(sheets))}) are not "
                                   f"loaded by {label}", page.excerpt(sheets[0]))

    def _style_elements(self, page: CheckedPage, support: BrowserSupport) -> Iterator[Finding]:
        styles = list(page.elements("style"))
        if not styles or support.style_element == "yes":
            return
        if support.style_element == "no":
            yield self.found(page, f"<style> ({times(len(styles))}) is ignored by "
                                   f"{support.label}", page.excerpt(styles[0]))
            return
        for element in styles:
            others = other_selectors("".join(element.itertext()))
            if others:
                yield self.found(page, f"{support.label} applies only a:link, a:visited and "
                                       f"a:focus in <style>; ignored: {', '.join(others)}",
                                 page.excerpt(element))
                return
