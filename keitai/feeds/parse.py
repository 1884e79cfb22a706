"""Read an RSS 0.9x/1.0/2.0 or Atom feed of any charset (scaffolding: the contract).

To be built with feedparser: declared charsets (Shift_JIS, EUC-JP, UTF-8...) honoured,
undeclared or wrongly declared ones guessed; broken XML read as far as it goes (`problem`
says so) and refused only when nothing usable is left; titles and summaries as plain text
(tags and entities gone, NFC, control characters removed, cut to a length); only http/https
links kept.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


class FeedUnreadable(Exception):
    """Nothing usable in the body. `reason` is a short Japanese sentence for the member."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Entry:
    """One entry of a feed."""

    #: the entry's http/https link (entries without one are dropped)
    link: str
    #: plain text, at most TITLE_MAX characters ("(無題)" when the feed gave none)
    title: str
    #: plain text, at most SUMMARY_MAX characters ("" when none)
    summary: str
    #: aware (UTC), or None when the feed gave no usable date
    published: datetime | None
    #: the entry's id/guid when the feed gave one
    guid: str | None


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its title and site link, and its entries in the feed's order."""

    title: str
    link: str | None
    entries: list[Entry]
    #: None, or a short Japanese note that the XML was broken but read as far as it went
    problem: str | None


TITLE_MAX = 200
SUMMARY_MAX = 1000


def parse_feed(body: bytes, content_type: str | None = None) -> Feed:
    """Parse a feed's bytes (with the Content-Type it came with); raise FeedUnreadable."""
    raise NotImplementedError
