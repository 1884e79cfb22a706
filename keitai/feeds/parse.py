"""Read an RSS 0.9x/1.0/2.0 or Atom feed of any charset.

With feedparser: declared charsets (Shift_JIS, EUC-JP, UTF-8...) honoured, undeclared or
wrongly declared ones guessed (`keitai.feeds.charset`), and feedparser is given the text
re-encoded as UTF-8 so mojibake never gets through; broken XML read as far as it goes
(`problem` says so) and refused only when nothing usable is left; titles and summaries as
plain text (tags and entities gone, NFC, control characters removed, cut to a length); only
http/https links kept.
"""
from __future__ import annotations

import calendar
import io
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import feedparser  # type: ignore[import-untyped]

from keitai.feeds.charset import declare_utf8, decode
from keitai.feeds.text import plain_text, web_link

log = logging.getLogger(__name__)


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
    #: the entry's id/guid when the feed gave one (None when longer than GUID_MAX)
    guid: str | None


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its title and site link, and its entries in the feed's order."""

    #: plain text, at most TITLE_MAX characters ("(無題)" when the feed gave none)
    title: str
    link: str | None
    entries: list[Entry]
    #: None, or a short Japanese note that the XML was broken but read as far as it went
    problem: str | None


TITLE_MAX = 200
SUMMARY_MAX = 1000
GUID_MAX = 500
#: entries kept from one feed (the first ones, in the feed's order)
ENTRIES_MAX = 200
UNTITLED = "(無題)"

EMPTY = "フィードが空です"
HTML_PAGE = "フィードではありません(ホームページのようです)"
NOT_A_FEED = "フィードとして読めませんでした"
BROKEN = "フィードの書式に誤りがあります(読める部分だけ読みました)"

#: characters XML 1.0 forbids, which real feeds contain (removed before parsing)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: dates before this or more than a couple of days ahead are taken as no date
_EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)
_AHEAD = timedelta(days=2)


def parse_feed(body: bytes, content_type: str | None = None, *,
               base_url: str | None = None) -> Feed:
    """Parse a feed's bytes (with the Content-Type it came with, and the URL it came from to
    resolve relative links); raise FeedUnreadable."""
    if not body.strip():
        raise FeedUnreadable(EMPTY)
    decoded = decode(body, content_type)
    text = _NOT_XML.sub("", declare_utf8(decoded.text))
    # no content-location: relative links are resolved against the feed's own link (the
    # site), as the sites that write them mean, and only then against the feed's URL
    headers = {"content-type": "application/xml; charset=utf-8"}
    # a file object, never bytes or str: feedparser opens a str or bytes that names a file
    result = feedparser.parse(io.BytesIO(text.encode("utf-8")), response_headers=headers,
                              resolve_relative_uris=True, sanitize_html=True)
    if not result.get("version") and not result.get("entries"):
        log.info("not a feed (%s): %r", decoded.charset, result.get("bozo_exception"))
        head = text[:4096].lower()
        raise FeedUnreadable(HTML_PAGE if "<html" in head or "<!doctype html" in head
                             else NOT_A_FEED)
    channel = result.get("feed", {})
    link = web_link(channel.get("link"), base_url)
    base = link or base_url
    entries = [entry for entry in (_entry(item, base) for item in result["entries"])
               if entry is not None][:ENTRIES_MAX]
    problem = decoded.problem
    if result.get("bozo") and _is_broken(result.get("bozo_exception")):
        log.info("broken feed read loosely: %r", result.get("bozo_exception"))
        problem = BROKEN
    title = _title(channel) or UNTITLED
    return Feed(title, link, entries, problem)


def _is_broken(error: object) -> bool:
    """Tell whether feedparser's complaint is about the XML (not about the charset we fixed)."""
    return not isinstance(error, (feedparser.CharacterEncodingOverride,
                                  feedparser.NonXMLContentType))


def _entry(item: Any, base: str | None) -> Entry | None:
    link = web_link(_link_of(item), base)
    if link is None:
        return None
    summary_html = item.get("summary")
    markup = _is_markup(item.get("summary_detail"))
    if not summary_html and item.get("content"):
        summary_html = item["content"][0].get("value")
        markup = _is_markup(item["content"][0])
    guid = (item.get("id") or "").strip() or None
    return Entry(
        link=link,
        title=_title(item) or UNTITLED,
        summary=plain_text(summary_html, SUMMARY_MAX, markup=markup),
        published=_date(item),
        guid=guid if guid is None or len(guid) <= GUID_MAX else None,
    )


def _link_of(item: Any) -> str | None:
    if item.get("link"):
        return str(item["link"])
    for candidate in item.get("links", []):
        if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
            return str(candidate["href"])
    return None


def _title(item: Any) -> str:
    return plain_text(item.get("title"), TITLE_MAX, markup=_is_markup(item.get("title_detail")))


def _is_markup(detail: Any) -> bool:
    """Tell whether feedparser says the text is HTML (plain text keeps its < and &)."""
    if not detail:
        return True
    return str(detail.get("type", "text/html")) != "text/plain"


def _date(item: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = dict.get(item, key)  # not .get: feedparser maps updated to published, warning
        if parsed:
            try:
                moment = datetime.fromtimestamp(calendar.timegm(parsed), UTC)
            except (OverflowError, ValueError, OSError, TypeError):
                continue
            if _EARLIEST <= moment <= datetime.now(UTC) + _AHEAD:
                return moment
            return None
    return None

