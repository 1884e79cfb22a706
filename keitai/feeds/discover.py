"""Find a page's feed: members paste their blog's address, not its feed's.

    <link rel="alternate" type="application/rss+xml" href="/hanako/index.rdf">
"""
from __future__ import annotations

from html.parser import HTMLParser

from keitai.feeds.charset import decode
from keitai.feeds.text import web_link

#: the link types of the feeds parse_feed reads
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})


class _Links(HTMLParser):
    """Collect the feed links and the <base> of a page's head."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.base: str | None = None
        self.feeds: list[str] = []
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note <base href> and <link rel=alternate type=feed href>; stop at <body>."""
        if self.done:
            return
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "body":
            self.done = True
        elif tag == "base" and self.base is None and values.get("href"):
            self.base = values["href"]
        elif tag == "link" and values.get("href"):
            rels = values.get("rel", "").lower().split()
            kind = values.get("type", "").split(";")[0].strip().lower()
            if "alternate" in rels and kind in FEED_TYPES:
                self.feeds.append(values["href"])


def discover_feed(body: bytes, base_url: str) -> str | None:
    """Return the absolute http/https URL of the first feed an HTML page links to, or None."""
    text = decode(body[:256 * 1024], "text/html").text
    links = _Links()
    try:
        links.feed(text)
        links.close()
    except (AssertionError, ValueError):  # html.parser on hopeless markup
        pass
    base = web_link(links.base, base_url) or base_url
    for href in links.feeds:
        found = web_link(href, base)
        if found is not None:
            return found
    return None
