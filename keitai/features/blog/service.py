"""外部ブログ writes from the settings page: register or change the blog, resume it, remove it.

A registered blog is fetched by the worker (keitai.features.blog.jobs); its entries become
the member's diaries (keitai.features.blog.imports). Registering or changing the address
queues a first fetch at once.
"""
from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy import delete, select, update

from keitai import hot, jobs, ratelimit
from keitai.db import db
from keitai.domain import DomainError
from keitai.features.diary import feed
from keitai.models.base import utcnow
from keitai.models.blog import URL_MAX, MemberBlog
from keitai.models.diary import Diary
from keitai.privacy import Visibility
from keitai.search.indexing import changed

#: the job that fetches one member's blog
JOB = "blog.fetch"
ACTIVE, PAUSED = "active", "paused"
#: registrations and address changes per member and day
REGISTRATIONS = ratelimit.Limit("blog-register", 10, 86400)
#: a new blog's entries are first visible as the diary's default level
DEFAULT_VISIBILITY = Visibility.FRIENDS


def check_url(raw: str) -> str:
    """Return the feed address as stored; raise DomainError when it is no http/https address."""
    url = raw.strip()
    if not url:
        raise DomainError("ブログのアドレスを入力してください。")
    if len(url) > URL_MAX or len(url.encode("utf-8")) > URL_MAX:
        raise DomainError(f"アドレスが長すぎます({URL_MAX}文字まで)。")
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - a port that is no number raises here
    except ValueError:
        raise DomainError("アドレスの形が正しくありません。") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise DomainError("http:// か https:// で始まるアドレスを入力してください。")
    if not host or any(char.isspace() for char in url):
        raise DomainError("アドレスの形が正しくありません。")
    return url


def blog_of(member_id: int) -> MemberBlog | None:
    """Return the member's blog, if they registered one."""
    return db.session.get(MemberBlog, member_id)


def imported_ids(member_id: int) -> list[int]:
    """Return the ids of the member's diaries imported from their blog."""
    return list(db.session.scalars(select(Diary.id).where(
        Diary.author_id == member_id, Diary.blog_link.is_not(None))))


def entries_changed(member_id: int, ids: list[int]) -> None:
    """Tell the friends' feeds and the search that the member's imported diaries changed."""
    if ids:
        db.session.flush()
        hot.feed_changed(feed.diary_written(member_id, None, ""))
        changed("diaries", *ids)


def _queue_fetch(blog: MemberBlog) -> None:
    """Fetch the blog at once; the schedule's next turn comes a full interval later."""
    minutes = current_app.config["BLOG_FETCH_MINUTES"]
    blog.next_fetch_at = utcnow() + timedelta(minutes=minutes)
    jobs.enqueue(JOB, {"member_id": blog.member_id})


def save(member_id: int, raw_url: str, visibility: str) -> MemberBlog:
    """Register the member's blog or change its address or visibility.

    A new address starts afresh (確認中; its newest entries are imported first) and is
    fetched at once; a new visibility applies to every entry imported so far.
    """
    url = check_url(raw_url)
    level = Visibility.parse(visibility, DEFAULT_VISIBILITY).value
    blog = blog_of(member_id)
    if blog is None or blog.feed_url != url:
        # counted before the unit writes: a refused or rolled-back save still counts
        if ratelimit.hit(REGISTRATIONS, str(member_id)) > REGISTRATIONS.limit:
            raise DomainError("ブログの登録・変更が多すぎます。明日もう一度お試しください。")
    if blog is None:
        blog = MemberBlog(member_id=member_id, feed_url=url, visibility=level, state=ACTIVE,
                          failures=0, created_at=utcnow())
        db.session.add(blog)
        _queue_fetch(blog)
        return blog
    if blog.feed_url != url:
        blog.feed_url, blog.state, blog.failures = url, ACTIVE, 0
        blog.site_title = blog.last_error = blog.last_error_at = blog.last_problem = None
        blog.etag = blog.last_modified = blog.seen_links = None
        blog.last_fetched_at = blog.last_success_at = None
        _queue_fetch(blog)
    if blog.visibility != level:
        blog.visibility = level
        db.session.execute(update(Diary).where(
            Diary.author_id == member_id, Diary.blog_link.is_not(None))
            .values(visibility=level).execution_options(synchronize_session=False))
        entries_changed(member_id, imported_ids(member_id))
    return blog


def resume(member_id: int) -> bool:
    """Fetch a paused blog again (at once, then on schedule); False when none was paused."""
    blog = blog_of(member_id)
    if blog is None or blog.state != PAUSED:
        return False
    blog.state, blog.failures = ACTIVE, 0
    _queue_fetch(blog)
    return True


def remove(member_id: int, delete_entries: bool) -> bool:
    """Stop resyndicating the member's blog (and delete its imported diaries when asked);
    False when there was no blog."""
    gone = db.session.execute(delete(MemberBlog).where(MemberBlog.member_id == member_id))
    if not getattr(gone, "rowcount", 0):
        return False
    if delete_entries:
        ids = imported_ids(member_id)
        if ids:
            db.session.execute(delete(Diary).where(Diary.id.in_(ids))
                               .execution_options(synchronize_session=False))
            hot.news_changed(member_id)
        entries_changed(member_id, ids)
    return True
