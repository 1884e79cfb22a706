"""外部ブログ tests: the social tests' members and handsets, feeds on the tests' real HTTP
server (tests/feedserver.py), and the real worker that fetches them."""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from email.utils import format_datetime
from typing import Any
from xml.sax.saxutils import escape

from flask import Flask
from sqlalchemy import select, update

from keitai.db import db
from keitai.jobs.worker import Worker
from keitai.models.base import utcnow
from keitai.models.blog import MemberBlog
from keitai.models.diary import Diary
from tests.social.conftest import Browser, befriend, logged_in, member  # noqa: F401

#: one page per markup family: docomo cHTML without cookies (and the smallest page), i-mode
#: XHTML, au, SoftBank 3G and J-PHONE, a smartphone, a PC
HANDSETS = ["docomo-N505i", "docomo-D501i", "docomo-P903i", "au-W53CA", "softbank-930SH",
            "softbank-J-SH51", "smartphone-iPhone", "pc-Firefox"]
TAGS = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """Return a page's text without its tags."""
    return TAGS.sub("", text)


def first_diary(text: str) -> int:
    """Return the id of the first diary a page links to."""
    found = re.search(r'href="/diary/(\d+)', text)
    assert found is not None
    return int(found.group(1))


def rss(entries: Sequence[tuple[str, str, str, datetime | None]], *, title: str = "花だより",
        encoding: str = "utf-8", codec: str | None = None) -> bytes:
    """Return an RSS 2.0 feed of (link, title, description, date) entries, declared as
    encoding and encoded with codec (by default the same)."""
    items = "".join(
        f"<item><title>{escape(entry_title)}</title><link>{escape(link)}</link>"
        f"<description>{escape(text)}</description>"
        + (f"<pubDate>{format_datetime(date)}</pubDate>" if date else "") + "</item>\n"
        for link, entry_title, text, date in entries)
    xml = (f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel>'
           f"<title>{escape(title)}</title><link>http://blog.example.com/</link>\n"
           f"{items}</channel></rss>\n")
    return xml.encode(codec or encoding)


def entries(count: int, *, start: int = 1, prefix: str = "記事") -> list[
        tuple[str, str, str, datetime | None]]:
    """Return count entries, numbered from start, the highest number the newest."""
    now = utcnow()
    return [(f"http://blog.example.com/entry-{n}.html", f"{prefix}{n}",
             f"{prefix}{n}の本文です。\n二行目です。", now - timedelta(hours=100 - n))
            for n in range(start + count - 1, start - 1, -1)]


def register(browser: Browser, url: str, visibility: str = "friends") -> Any:
    """Send the settings form as the handset does; return the page it ends on."""
    sent = browser.submit(browser.get("/settings/blog"), {"url": url, "visibility": visibility})
    return sent.follow() if sent.status_int in (302, 303) else sent


def run_worker(app: Flask, later_minutes: float = 0) -> None:
    """Run the worker's maintenance (as if later_minutes had passed) and every due job."""
    worker = Worker(app)
    worker.maintain(utcnow() + timedelta(minutes=later_minutes))
    worker.drain()


def make_due(app: Flask) -> None:
    """Make every blog due a fetch now (as if its back-off had passed), paused ones too."""
    with app.app_context():
        db.session.execute(update(MemberBlog).values(next_fetch_at=utcnow() - timedelta(
            seconds=1)))
        db.session.commit()


def blog_row(app: Flask, member_id: int) -> MemberBlog | None:
    """Return the member's blog row as stored (detached)."""
    with app.app_context():
        blog = db.session.get(MemberBlog, member_id)
        if blog is not None:
            db.session.expunge(blog)
        db.session.remove()
        return blog


def imported(app: Flask, member_id: int) -> list[tuple[str, str, str, str]]:
    """Return (title, body, visibility, link) of the member's imported diaries, newest first."""
    with app.app_context():
        rows = db.session.execute(
            select(Diary.title, Diary.body, Diary.visibility, Diary.blog_link)
            .where(Diary.author_id == member_id, Diary.blog_link.is_not(None))
            .order_by(Diary.created_at.desc())).all()
        return [(row.title, row.body, row.visibility, row.blog_link) for row in rows]
