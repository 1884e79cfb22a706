"""Turn a handset's page into UTF-8 HTML for the simulator's phone screen.

Links, forms, images and style sheets are pointed back at the simulator (so following a link
or sending a form goes out as the handset again); carrier emoji are drawn as pictures with
their carrier code on hover; text fields get a badge with the input mode the handset opens
them in; access keys become data-sim-key for the keypad script; the page's scripts and event
handlers are dropped (the screen runs in the simulator's own origin).
"""
from __future__ import annotations

import html
from typing import Protocol
from urllib.parse import urljoin

import carriers
from simulator.decode import MARKER, Decoded, Emoji, localsrc_emoji
from simulator.document import Document
from simulator.parser import PageParser

_DROPPED_ATTRS = frozenset({"target", "accesskey", "utn", "enctype", "accept-charset"})
_LEAVE_HREF = ("#", "mailto:", "tel:", "tel-av:", "javascript:", "data:", "device:")
#: link schemes that would run in the simulator's own origin
_NEVER_RUN = ("javascript:", "data:")
#: controls an access key may point at (the keypad focuses or presses them)
_KEYED_CONTROLS = frozenset({"input", "textarea", "select", "button"})
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "base", "area", "col", "wbr"})
Attrs = list[tuple[str, str | None]]


class ScreenUrls(Protocol):
    """Where the rewritten page's links, forms and resources point."""

    def link(self, index: int) -> str:
        """Return the simulator URL that follows link number index."""
        ...

    def form(self, index: int) -> str:
        """Return the simulator URL that sends form number index."""
        ...

    def resource(self, url: str) -> str:
        """Return the simulator URL that fetches an image or style sheet as the handset."""
        ...

    def open(self, url: str) -> str:
        """Return the simulator URL that opens url as the handset (meta refresh)."""
        ...


def emoji_html(emoji: Emoji) -> str:
    """Return the picture of an emoji with its carrier code as its title."""
    return (f'<span class="sim-emoji" title="{html.escape(emoji.title)}">'
            f"{html.escape(emoji.display)}</span>")


class ScreenWriter(PageParser):
    """Re-emit the page for a PC browser while building its Document."""

    def __init__(self, decoded: Decoded, url: str, handset: carriers.Handset,
                 urls: ScreenUrls) -> None:
        super().__init__(decoded, url, handset)
        self.urls = urls
        self.out: list[str] = []
        self._raw_text = 0  # inside <style>: copy as it is
        self._dropped = 0  # inside <script>: drop

    def handle_starttag(self, tag: str, attrs: Attrs) -> None:
        """Emit the tag, rewritten for the screen."""
        links, forms = len(self.document.links), len(self.document.forms)
        super().handle_starttag(tag, attrs)
        raw = dict(attrs)
        kept = [(name, None if value is None else self.decoded.plain(value))
                for name, value in attrs if not name.startswith("on")
                and name not in _DROPPED_ATTRS]
        if tag == "script":
            self._dropped += 1
            return
        if tag == "style":
            self._raw_text += 1
        if tag == "a" and len(self.document.links) > links:
            link = self.document.links[-1]
            href = raw.get("href") or ""
            kept = _set(kept, "href", href if href.startswith(_LEAVE_HREF)
                        else self.urls.link(link.index))
            if href.startswith(_LEAVE_HREF[1:]):
                kept.append(("data-sim-off", href.split(":", 1)[0]))
                if href.startswith(_NEVER_RUN):
                    kept = _set(kept, "href", "#")
            if link.key:
                kept.append(("data-sim-key", link.key))
        elif tag == "form" and len(self.document.forms) > forms:
            kept = _set(_set(kept, "action", self.urls.form(forms)), "method", "post")
            kept.append(("accept-charset", "utf-8"))
        elif tag == "img" and (raw.get("localsrc") or "").strip().isdigit():
            if localsrc_emoji(int(raw["localsrc"] or 0)) is not None:
                return  # PageParser drew it through self.emoji()
        elif tag in ("meta", "base"):
            meta = self._meta(tag, kept)
            if meta is None:
                return
            kept = meta
        for name in ("src", "background") if tag in ("img", "input", "body", "td") else ():
            if raw.get(name):
                kept = _set(kept, name, self.urls.resource(self._absolute(raw[name] or "")))
        if tag == "link" and raw.get("href"):
            kept = _set(kept, "href", self.urls.resource(self._absolute(raw["href"] or "")))
        if tag in _KEYED_CONTROLS and (raw.get("accesskey") or "").strip():
            kept.append(("data-sim-key", (raw["accesskey"] or "").strip()))
        self.out.append(_tag(tag, kept))
        if tag == "input" and self.last_control is not None and self.last_control.mode:
            self.out.append(_badge(self.last_control.mode))

    def _meta(self, tag: str, kept: Attrs) -> Attrs | None:
        values = {name: value or "" for name, value in kept}
        equiv = values.get("http-equiv", "").lower()
        if tag == "base" or "charset" in values or equiv == "content-type":
            return None  # the screen is UTF-8 and resolves URLs itself
        if equiv == "refresh" and "url=" in values.get("content", "").lower():
            delay, _, target = values["content"].partition(";")
            url = self.urls.open(self._absolute(target.strip()[4:].strip("'\" ")))
            return _set(kept, "content", f"{delay};url={url}")
        return kept

    def _absolute(self, url: str) -> str:
        return urljoin(self.base, self.decoded.plain(url))

    def handle_endtag(self, tag: str) -> None:
        """Emit the end tag; a textarea's badge follows it."""
        control = self._capture[2] if self._capture and self._capture[0] == "textarea" else None
        super().handle_endtag(tag)
        if tag == "script":
            self._dropped = max(0, self._dropped - 1)
            return
        if tag == "style":
            self._raw_text = max(0, self._raw_text - 1)
        if tag not in _VOID:
            self.out.append(f"</{tag}>")
        if tag == "textarea" and control is not None and control.mode:
            self.out.append(_badge(control.mode))

    def handle_data(self, data: str) -> None:
        """Emit text, emoji drawn as pictures (plain characters where no markup may go)."""
        super().handle_data(data)
        if self._dropped:
            return
        if self._raw_text or self._capture is not None:
            self.out.append(self.decoded.plain(data))
        else:
            self.out.append(MARKER.sub(
                lambda m: emoji_html(self.decoded.emoji[int(m.group(1))]), data))

    def handle_entityref(self, name: str) -> None:
        """Emit the entity as it was written."""
        super().handle_entityref(name)
        if not self._dropped:
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        """Emit a reference; carrier emoji references are drawn as pictures."""
        before = len(self.out)
        super().handle_charref(name)
        if not self._dropped and len(self.out) == before:
            self.out.append(f"&#{name};")

    def emoji(self, emoji: Emoji) -> None:
        """Draw an emoji found in a reference or an au icon."""
        super().emoji(emoji)
        if not self._dropped:
            self.out.append(html.escape(emoji.canonical) if self._capture else emoji_html(emoji))


def _set(attrs: Attrs, name: str, value: str) -> Attrs:
    return [(key, val) for key, val in attrs if key != name] + [(name, value)]


def _tag(tag: str, attrs: Attrs) -> str:
    parts = [tag] + [name if value is None else f'{name}="{html.escape(value)}"'
                     for name, value in attrs]
    return "<" + " ".join(parts) + ">"


def _badge(mode: tuple[str, str]) -> str:
    label, source = mode
    return f'<span class="sim-mode" title="{html.escape(source)}">{html.escape(label)}</span>'


def render_screen(decoded: Decoded, url: str, handset: carriers.Handset,
                  urls: ScreenUrls) -> tuple[str, Document]:
    """Return the page as UTF-8 HTML for the phone screen (no head of our own) and its model."""
    writer = ScreenWriter(decoded, url, handset, urls)
    writer.feed(decoded.text)
    document = writer.finish()
    return "".join(writer.out), document
