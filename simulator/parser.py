"""Read a decoded page into a Document; the screen rewriter extends this parser."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urljoin

import carriers
from simulator.decode import Decoded, Emoji, localsrc_emoji
from simulator.document import Control, Document, Form, Link, charref_emoji
from simulator.inputmodes import input_mode

_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_BREAKS = frozenset({"br", "p", "div", "hr", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
                     "dt", "dd", "center", "blockquote", "pre", "title", "form", "marquee"})
#: types of <input> a handset user types into
TEXT_TYPES = frozenset({"text", "password", "email", "tel", "number", "search", "url", ""})


class PageParser(HTMLParser):
    """Build a Document from a decoded page (see simulator.decode)."""

    def __init__(self, decoded: Decoded, url: str, handset: carriers.Handset) -> None:
        super().__init__(convert_charrefs=False)
        self.decoded = decoded
        self.handset = handset
        self.document = Document(url)
        self.base = url
        self._text: list[str] = []
        self._link: tuple[Link, list[str]] | None = None
        self._form: Form | None = None
        self._capture: tuple[str, list[str], Control | None] | None = None  # title/textarea/option
        self._skip = 0
        #: the control the last <input>, <select> or <textarea> made
        self.last_control: Control | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record links, forms, controls and emoji icons."""
        values = {name: self.decoded.plain(value or "") for name, value in attrs}
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "base" and values.get("href"):
            self.base = urljoin(self.base, values["href"])
        elif tag == "a":
            self._open_link(values, "utn" in dict(attrs))
        elif tag == "form":
            action = urljoin(self.base, values.get("action") or "")
            method = "POST" if values.get("method", "").lower() == "post" else "GET"
            self._form = Form(len(self.document.forms), action, method, "utn" in dict(attrs))
            self.document.forms.append(self._form)
        elif tag in ("input", "select", "textarea", "option"):
            self._control(tag, values, dict(attrs))
        elif tag == "title":
            self._capture = ("title", [], None)
        elif tag == "img" and values.get("localsrc", "").strip().isdigit():
            found = localsrc_emoji(int(values["localsrc"]))
            if found is not None:
                self.emoji(found)
        if tag in _BREAKS:
            self._text.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Treat <tag/> as <tag>."""
        self.handle_starttag(tag, attrs)
        if tag in ("a", "textarea", "title", "script", "style"):
            self.handle_endtag(tag)

    def _open_link(self, values: dict[str, str], utn: bool) -> None:
        href = values.get("href")
        if href is None:
            return
        self._close_link()  # tag soup: a new <a> before the last one was closed
        url = href if href.startswith("#") else urljoin(self.base, href)
        key = (values.get("accesskey") or "").strip() or None
        link = Link(len(self.document.links), url, key, utn)
        self.document.links.append(link)
        self._link = (link, [])

    def _control(self, tag: str, values: dict[str, str], raw: dict[str, str | None]) -> None:
        if tag == "option":
            if self._capture and self._capture[0] == "option":
                self._end_capture()
            select = self._form.controls[-1] if self._form and self._form.controls else None
            if select is not None and select.kind == "select":
                self._capture = ("option", [], select)
                select.options.append((values.get("value", "\0"), "", "selected" in raw))
            return
        kind = (values.get("type") or "text").lower() if tag == "input" else tag
        control = Control(values.get("name", ""), kind, values.get("value", ""),
                          "checked" in raw)
        if kind in TEXT_TYPES or tag == "textarea":
            control.mode = input_mode(values, self.handset)
        if self._form is not None:
            self._form.controls.append(control)
        if tag == "textarea":
            self._capture = ("textarea", [], control)
        self.last_control = control

    def handle_endtag(self, tag: str) -> None:
        """Close links, forms and captured text."""
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag == "a":
            self._close_link()
        elif tag == "form":
            self._form = None
        elif tag in ("title", "textarea", "select", "option") and self._capture:
            self._end_capture()
        if tag in _BREAKS:
            self._text.append("\n")

    def _close_link(self) -> None:
        if self._link is not None:
            link, parts = self._link
            link.text = " ".join("".join(parts).split())
            self._link = None

    def _end_capture(self) -> None:
        assert self._capture is not None
        kind, parts, control = self._capture
        text = "".join(parts)
        if kind == "title":
            self.document.title = " ".join(text.split())
        elif kind == "textarea" and control is not None:
            control.value = text.removeprefix("\n")
        elif kind == "option" and control is not None and control.options:
            value, _label, selected = control.options[-1]
            label = " ".join(text.split())
            control.options[-1] = (label if value == "\0" else value, label, selected)
        self._capture = None

    def handle_data(self, data: str) -> None:
        """Collect visible text; line ends in the source are spaces, as a browser shows them."""
        if self._skip:
            return
        if self._capture is None or self._capture[0] != "textarea":
            data = data.replace("\n", " ")
        self.text(self.decoded.plain(data))

    def handle_entityref(self, name: str) -> None:
        """Collect an entity as its character."""
        self.text(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        """Collect a character reference; carrier emoji references become emoji."""
        found = charref_emoji(name, self.handset.carrier)
        if found is not None:
            self.emoji(found)
        else:
            self.text(html.unescape(f"&#{name};"))

    def emoji(self, emoji: Emoji) -> None:
        """Collect an emoji as its canonical text."""
        self.text(emoji.canonical)

    def text(self, text: str) -> None:
        """Add text to the page, the open link and any captured element."""
        if self._skip:
            return
        if self._capture is not None:
            self._capture[1].append(text)
            if self._capture[0] in ("textarea", "option"):
                return
        self._text.append(text)
        if self._link is not None:
            self._link[1].append(text)

    def finish(self) -> Document:
        """Return the Document once the whole page was fed."""
        self.close()
        if self._capture is not None:
            self._end_capture()
        self._close_link()
        lines = (_SPACES.sub(" ", line).strip() for line in "".join(self._text).split("\n"))
        self.document.text = _BLANK_LINES.sub("\n", "\n".join(lines)).strip()
        return self.document


