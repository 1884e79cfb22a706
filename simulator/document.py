"""What a handset user sees on a page and can act on: text, links, access keys and forms."""
from __future__ import annotations

from dataclasses import dataclass, field

import carriers
from simulator.decode import Decoded, Emoji, pua_emoji, sjis_emoji


@dataclass
class Link:
    """An <a href> of the page."""

    index: int
    url: str
    key: str | None
    utn: bool
    text: str = ""


@dataclass
class Control:
    """A form control: its name, kind and the value it starts with."""

    name: str
    kind: str
    value: str = ""
    checked: bool = False
    #: (value, label, selected) of a <select>'s options
    options: list[tuple[str, str, bool]] = field(default_factory=list)
    #: input-mode badge and the attribute that set it, for text fields
    mode: tuple[str, str] | None = None


@dataclass
class Form:
    """A <form> of the page."""

    index: int
    action: str
    method: str
    utn: bool
    controls: list[Control] = field(default_factory=list)


@dataclass
class Document:
    """The page as a handset user meets it."""

    url: str
    title: str = ""
    text: str = ""
    links: list[Link] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)


def charref_emoji(name: str, carrier: str) -> Emoji | None:
    """Return the emoji a numeric reference names: a carrier's code point, or docomo's SJIS."""
    try:
        number = int(name[1:], 16) if name[:1] in "xX" else int(name)
    except ValueError:
        return None
    if carrier in ("docomo", "willcom") and 0xF89F <= number <= 0xF9FC:
        return sjis_emoji(number.to_bytes(2, "big"), carrier)
    if 0xE000 <= number <= 0xF8FF or 0xF0000 <= number <= 0xFFFFD:
        return pua_emoji(chr(number), carrier)
    return None


def parse_document(decoded: Decoded, url: str, handset: carriers.Handset) -> Document:
    """Return what the handset user sees on a decoded page."""
    from simulator.parser import PageParser

    parser = PageParser(decoded, url, handset)
    parser.feed(decoded.text)
    return parser.finish()
