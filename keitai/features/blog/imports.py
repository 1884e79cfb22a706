"""Entries of a member's external blog become diaries of theirs (外部ブログ).

An imported entry is an ordinary Diary row marked by `blog_link` (the entry's address, unique
per author): the diary list, the friends' feeds, home, privacy, blocks, search and deletion
treat it as any diary. Its title is the entry's, cut to the diary's limit; its body the
entry's first lines; its date the entry's (never in the future; now when it has none).

Which entries: the first good fetch imports only the newest FIRST_IMPORT; later fetches the
entries no earlier fetch saw, at most PER_FETCH, newest first. The links each fetch saw are
kept (as short hashes), so an entry the member deleted here is not imported again.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select

from keitai import hot
from keitai.db import db
from keitai.features.diary import feed
from keitai.features.diary.service import TITLE_MAX
from keitai.feeds.parse import Entry
from keitai.feeds.standard import standard_characters
from keitai.models.blog import URL_MAX, MemberBlog
from keitai.models.diary import Diary
from keitai.search.indexing import changed
from keitai.upsert import dialect_insert

#: entries imported by a blog's first good fetch, and by any later one at most
FIRST_IMPORT, PER_FETCH = 5, 20
#: an imported diary's body: the entry's first lines, this many characters at most
BODY_CHARS, BODY_LINES = 200, 5
ELLIPSIS = "…"
#: links remembered as seen (a feed rarely holds more entries)
SEEN_MAX = 200


def cut(text: str, limit: int) -> str:
    """Return text cut to limit characters (on a character boundary), with … when cut."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + ELLIPSIS


def title_of(entry: Entry) -> str:
    """Return the diary title of an entry: its title on one line in standard characters, cut
    to the diary's limit."""
    return cut(" ".join(standard_characters(entry.title).split()) or "(無題)", TITLE_MAX)


def body_of(entry: Entry) -> str:
    """Return the diary body of an entry: its first lines of plain text in standard
    characters, about BODY_CHARS."""
    lines = [" ".join(line.split()) for line in standard_characters(entry.summary).splitlines()]
    kept = "\n".join(line for line in lines if line)
    short = "\n".join(kept.split("\n")[:BODY_LINES])
    if len(short) > BODY_CHARS:
        return cut(short, BODY_CHARS)
    return short + ELLIPSIS if short != kept else short


def link_hash(link: str) -> str:
    """Return the short hash a seen link is remembered by."""
    return hashlib.sha256(link.encode("utf-8")).hexdigest()[:16]


def usable(entries: Sequence[Entry]) -> list[Entry]:
    """Return the entries that can be imported (a link that fits), each link once, newest
    first (an entry without a date keeps its place in the feed's order)."""
    seen: set[str] = set()
    kept = []
    for entry in entries:
        if len(entry.link.encode("utf-8")) > URL_MAX or entry.link in seen:
            continue
        seen.add(entry.link)
        kept.append(entry)
    dated = sorted((e for e in kept if e.published is not None),
                   key=lambda e: e.published or datetime.min, reverse=True)
    order = iter(dated)
    return [entry if entry.published is None else next(order) for entry in kept]


def choose(blog: MemberBlog, entries: Sequence[Entry]) -> list[Entry]:
    """Return the entries of this fetch to import, newest first."""
    candidates = usable(entries)
    if blog.last_success_at is None:
        return candidates[:FIRST_IMPORT]
    seen = set((blog.seen_links or "").split())
    unseen = [entry for entry in candidates if link_hash(entry.link) not in seen]
    return unseen[:PER_FETCH]


def remember(blog: MemberBlog, entries: Sequence[Entry]) -> None:
    """Remember the links this fetch saw (and those seen before, up to SEEN_MAX)."""
    fresh = [link_hash(entry.link) for entry in entries]
    old = [item for item in (blog.seen_links or "").split() if item not in set(fresh)]
    blog.seen_links = " ".join((fresh + old)[:SEEN_MAX])


def import_entries(blog: MemberBlog, entries: Sequence[Entry], now: datetime) -> int:
    """Write the entries chosen from this fetch as the member's diaries, each once; return
    how many were new. The friends' feeds and the search follow in the same unit of work."""
    chosen = choose(blog, entries)
    remember(blog, entries)
    if not chosen:
        return 0
    author = blog.member_id
    rows = [{"author_id": author, "title": title_of(entry), "body": body_of(entry),
             "visibility": blog.visibility, "blog_link": entry.link,
             "created_at": min(entry.published, now) if entry.published else now,
             "owner_read_at": now} for entry in chosen]
    statement = (dialect_insert(Diary).values(rows)
                 .on_conflict_do_nothing(index_elements=["author_id", "blog_link"])
                 .returning(Diary.id, Diary.created_at))
    added = db.session.execute(statement).all()
    if added:
        newest = max(row.created_at for row in added)
        hot.feed_changed(feed.diary_written(author, newest, blog.visibility))
        changed("diaries", *(int(row.id) for row in added))
    return len(added)


def imported_count(member_id: int) -> int:
    """Return how many of the member's diaries came from their blog."""
    return int(db.session.scalar(select(func.count()).select_from(Diary).where(
        Diary.author_id == member_id, Diary.blog_link.is_not(None))) or 0)
