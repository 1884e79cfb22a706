"""RSS feeds the news tests serve: made here, so each test knows its links and dates."""
from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from html import escape


def rss(title: str, entries: list[tuple[str, str, datetime | None]],
        summary: str = "あらまし") -> str:
    """Return an RSS 2.0 feed: entries are (title, link, published)."""
    items = "".join(
        f"<item><title>{escape(name)}</title><link>{escape(link)}</link>"
        f"<description>{escape(summary)}</description>"
        + (f"<pubDate>{format_datetime(at)}</pubDate>" if at is not None else "")
        + "</item>\n" for name, link, at in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>{escape(title)}</title><link>https://news.example.com/</link>"
            f"<description>d</description>\n{items}</channel></rss>\n")
