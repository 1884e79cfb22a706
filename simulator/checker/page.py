"""A page as the checker reads it: the response, its charset, its parsed tree, its links.

Everything a rule asks is computed once, on first use, and shared by every rule.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeAlias
from urllib.parse import urljoin

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]

import carriers
from carriers.markup_support import BrowserSupport, support_for
from simulator.charsets import normalise
from simulator.checker.findings import shorten
from simulator.profiles import Profile

if TYPE_CHECKING:
    from simulator.checker.context import HandsetContext

Headers = list[tuple[str, str]]
#: an lxml element (lxml ships without type hints)
Element: TypeAlias = Any

_PARAM = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:\-]+)", re.IGNORECASE)
_XML_DECL = re.compile(rb"^\s*<\?xml\s[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:\-]+)",
                       re.IGNORECASE)
_XML_START = re.compile(rb"^\s*<\?xml\s")
_DOCTYPE = re.compile(rb"<!DOCTYPE\s[^>]*>", re.IGNORECASE)
_STRIP_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
#: media types a handset browser renders as a page
DOCUMENT_TYPES = frozenset({"text/html", "application/xhtml+xml", "application/vnd.wap.xhtml+xml",
                            "text/x-hdml", "text/vnd.wap.wml", "text/plain"})
#: bytes sniffed for a <meta> charset
SNIFF_BYTES = 4096


@dataclass(frozen=True)
class Redirect:
    """One redirect answered on the way to the page."""

    url: str
    status: int
    location: str


@dataclass
class Link:
    """A link or form the page offers: where it goes, and the element that makes it."""

    url: str
    element: Element
    #: "a", "form" (GET or POST, see method), "img", "link", "meta-refresh", "object"
    kind: str
    method: str = "GET"
    nofollow: bool = False


@dataclass
class CheckedPage:
    """One response to one handset, read the way the rules need it."""

    profile: Profile
    url: str
    status: int
    headers: Headers
    body: bytes
    #: the page's handset context: site, secrets, images, the rules' notes
    context: HandsetContext
    redirects: list[Redirect] = field(default_factory=list)
    #: the URL the crawl found this page at (before redirects)
    requested: str = ""

    @cached_property
    def handset(self) -> carriers.Handset:
        """Return what the site makes of the handset (User-Agent and headers)."""
        return self.context.handset

    @cached_property
    def support(self) -> BrowserSupport:
        """Return what the handset's browser reads."""
        return support_for(self.handset)

    def header(self, name: str) -> str | None:
        """Return a response header (case-insensitive), or None."""
        wanted = name.lower()
        return next((v for k, v in self.headers if k.lower() == wanted), None)

    @property
    def content_type(self) -> str:
        """Return the Content-Type header as sent, "" when missing."""
        return self.header("Content-Type") or ""

    @cached_property
    def media_type(self) -> str:
        """Return the media type, lower case, without parameters."""
        return self.content_type.split(";", 1)[0].strip().lower()

    @cached_property
    def is_document(self) -> bool:
        """Tell whether the response is a page the browser renders (not an image or a file)."""
        return self.media_type in DOCUMENT_TYPES or (
            not self.media_type and self.body.lstrip()[:1] == b"<")

    @cached_property
    def is_image(self) -> bool:
        """Tell whether the response is a picture."""
        return self.media_type.startswith("image/")

    @cached_property
    def header_charset(self) -> str | None:
        """Return the charset label of the Content-Type header, None when it has none."""
        found = _PARAM.search(self.content_type)
        return found.group(1) if found else None

    @cached_property
    def xml_declaration(self) -> bool:
        """Tell whether the page opens with an XML declaration."""
        return bool(_XML_START.match(self.body))

    @cached_property
    def xml_charset(self) -> str | None:
        """Return the encoding label of the XML declaration, None when there is none."""
        found = _XML_DECL.match(self.body)
        return found.group(1).decode("ascii") if found else None

    @cached_property
    def meta_charset(self) -> str | None:
        """Return the charset label of the first <meta> that declares one, or None."""
        for element in self.elements("meta"):
            label = element.get("charset")
            if label:
                return str(label)
            if (element.get("http-equiv") or "").lower() == "content-type":
                found = _PARAM.search(element.get("content") or "")
                if found:
                    return found.group(1)
        return None

    @cached_property
    def charset(self) -> str:
        """Return the charset the handset reads the page in (a Python codec name)."""
        for label in (self.header_charset, self.xml_charset, self._sniffed_meta):
            found = normalise(label)
            if found:
                return found
        return normalise(self.handset.charset) or "utf-8"

    @cached_property
    def _sniffed_meta(self) -> str | None:
        found = re.search(rb"<meta\s[^>]*charset\s*=\s*[\"']?([A-Za-z0-9_.:\-]+)",
                          self.body[:SNIFF_BYTES], re.IGNORECASE)
        return found.group(1).decode("ascii") if found else None

    @cached_property
    def codec(self) -> str:
        """Return the Python codec the page's bytes are decoded with."""
        return "cp932" if self.charset == "shift_jis" else self.charset

    @cached_property
    def text(self) -> str:
        """Return the page decoded in its charset (undecodable bytes as U+FFFD)."""
        try:
            return self.body.decode(self.codec, "replace")
        except LookupError:
            return self.body.decode("utf-8", "replace")

    @cached_property
    def doctype(self) -> str:
        """Return the page's DOCTYPE declaration, "" when it has none."""
        found = _DOCTYPE.search(self.body[:SNIFF_BYTES])
        return found.group().decode("ascii", "replace") if found else ""

    @cached_property
    def xml_error(self) -> str | None:
        """Return why the page is not well-formed XML, None when it is."""
        self._parse()
        return self._xml_error

    @cached_property
    def root(self) -> Element | None:
        """Return the page's parsed tree (XML when well-formed, else as HTML), or None."""
        return self._parse()

    def _parse(self) -> Element | None:
        if "_root" in self.__dict__:
            return self.__dict__["_root"]
        text = _STRIP_DECL.sub("", self.text, count=1)
        root: Element | None = None
        self._xml_error: str | None = None
        if self.xml_declaration or "xhtml" in self.media_type:
            try:
                root = lxml.etree.fromstring(text, _XML_PARSER)
            except lxml.etree.XMLSyntaxError as error:
                self._xml_error = str(error)
        if root is None and text.strip():
            try:
                root = lxml.html.document_fromstring(text)
            except (lxml.etree.ParserError, ValueError):
                root = None
        self.__dict__["_root"] = root
        return root

    @cached_property
    def all_elements(self) -> list[Element]:
        """Return every element of the page in document order."""
        root = self.root
        if root is None:
            return []
        return [e for e in root.iter() if isinstance(e.tag, str)]

    def elements(self, *names: str) -> Iterator[Element]:
        """Yield the page's elements of those (lower-case, namespace-free) names."""
        wanted = frozenset(names)
        for element in self.all_elements:
            if tag_name(element) in wanted:
                yield element

    @cached_property
    def title(self) -> str | None:
        """Return the text of <title>, None when the page has none."""
        for element in self.elements("title"):
            return "".join(element.itertext()).strip()
        return None

    def resolve(self, href: str) -> str:
        """Return href made absolute against the page (and its <base>)."""
        return urljoin(self.base, href.strip())

    @cached_property
    def base(self) -> str:
        """Return the address links are resolved against."""
        for element in self.elements("base"):
            href = element.get("href")
            if href:
                return urljoin(self.url, str(href))
        return self.url

    @cached_property
    def links(self) -> list[Link]:
        """Return every link, form, image and refresh of the page, resolved."""
        found: list[Link] = []
        for element in self.all_elements:
            name = tag_name(element)
            if name in ("a", "area") and element.get("href") is not None:
                rel = (element.get("rel") or "").lower().split()
                found.append(Link(self.resolve(element.get("href")), element, "a",
                                  nofollow="nofollow" in rel))
            elif name == "form":
                method = (element.get("method") or "get").strip().upper()
                action = element.get("action")
                found.append(Link(self.resolve(action) if action else self.url, element,
                                  "form", "POST" if method == "POST" else "GET"))
            elif name == "img" and element.get("src"):
                found.append(Link(self.resolve(element.get("src")), element, "img"))
            elif name == "link" and element.get("href"):
                found.append(Link(self.resolve(element.get("href")), element, "link"))
            elif name == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
                target = _refresh_target(element.get("content") or "")
                if target:
                    found.append(Link(self.resolve(target), element, "meta-refresh"))
        return found

    @cached_property
    def image_sizes(self) -> dict[str, int]:
        """Return the bytes of each distinct picture the page loads from the site, by URL."""
        if not self.is_document:
            return {}
        sizes: dict[str, int] = {}
        for link in self.links:
            if link.kind == "img" and link.url not in sizes and self.same_site(link.url):
                sizes[link.url] = self.context.image(link.url).bytes
        return sizes

    def same_site(self, url: str) -> bool:
        """Tell whether url is on the checked site."""
        return self.context.same_site(url)

    def excerpt(self, element: Element) -> str:
        """Return an element's start tag (and where it is) for a finding."""
        return excerpt_of(element)

    def text_excerpt(self, needle: str, width: int = 40) -> str:
        """Return the page's text around the first occurrence of needle."""
        at = self.text.find(needle)
        if at < 0:
            return ""
        return shorten(self.text[max(0, at - width):at + len(needle) + width])


def tag_name(element: Element) -> str:
    """Return an element's name, lower case, without its namespace."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return (tag.rsplit("}", 1)[-1] if tag[:1] == "{" else tag).lower()


def attribute_name(name: str) -> str:
    """Return an attribute's name, lower case, without its namespace."""
    return (name.rsplit("}", 1)[-1] if name[:1] == "{" else name).lower()


def excerpt_of(element: Element) -> str:
    """Return an element's start tag as the page wrote it (near enough), with its line."""
    attributes = " ".join(f'{attribute_name(k)}="{v}"' for k, v in element.attrib.items())
    tag = f"<{tag_name(element)}{' ' + attributes if attributes else ''}>"
    line = f"line {element.sourceline}: " if element.sourceline else ""
    return shorten(line + tag)


def _refresh_target(content: str) -> str | None:
    found = re.search(r"url\s*=\s*['\"]?([^'\"]+)", content, re.IGNORECASE)
    return found.group(1).strip() if found else None


_XML_PARSER = lxml.etree.XMLParser(recover=False, resolve_entities=False, no_network=True,
                                   load_dtd=False)
