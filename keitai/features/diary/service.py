"""Diary writes: write, edit and delete diaries; add and delete comments.

A diary's date is its created_at: the diary page, the member's list, the friends' diaries and
home show it, and the lists are ordered by it. A premium member may set it to a past time when
writing or editing (keitai.premium); the friends' feeds follow in the same unit of work.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, delete, exists, or_, select, update
from sqlalchemy.exc import IntegrityError

from keitai import hot
from keitai.db import db
from keitai.domain import DomainError, NotAllowed, NotFound, checked_text
from keitai.features.diary import feed, queries
from keitai.models.base import utcnow
from keitai.models.diary import Comment, Diary
from keitai.moderation.hidden import refuse_if_hidden
from keitai.notices.comments import diary_commented
from keitai.premium import is_premium
from keitai.privacy import Visibility
from keitai.search.indexing import changed
from keitai.submit_keys import insert_once

#: a title fits one line of a handset's screen list
TITLE_MAX = 50
#: a long diary is split into parts on a handset; this many characters of the widest kind
#: (4-byte emoji, percent-encoded) still fit the gateway's 64 KB form limit
BODY_MAX = 5000
COMMENT_MAX = 1000
#: what a new diary's visibility is when the form names none
DEFAULT_VISIBILITY = Visibility.EVERYONE


class DiaryNotFound(NotFound):
    """No such diary, or the member may not read it (the two look alike on purpose)."""

    default_message = "日記が見つからないか、公開されていません。"


class NotYourDiary(NotAllowed):
    """Only the author edits or deletes a diary."""

    default_message = "自分の日記だけ編集・削除できます。"


class ImportedDiary(NotAllowed):
    """A diary imported from the author's external blog (外部ブログ) is edited and commented
    on the blog itself; here the author may only delete it."""

    default_message = "外部ブログの記事はここでは編集できません。ブログで編集してください。"


#: the refusal of a comment on an imported diary
NO_COMMENTS_ON_BLOG = "外部ブログの記事にはコメントできません。コメントはブログへどうぞ。"


class DateNotAllowed(DomainError):
    """Only a premium member sets a diary's date (a form's refusal: the member keeps what
    they typed, and a period that ended while they typed is no error page)."""

    default_message = "日記の日付を変えられるのはプレミアム会員だけです。"


def check_date(author_id: int, written_at: datetime, now: datetime) -> None:
    """Refuse a diary date unless the author is premium and the date is not in the future."""
    if not is_premium(author_id, now):
        raise DateNotAllowed()
    if written_at > now:
        raise DomainError("日記の日付に未来の日時は指定できません。")


def clean_diary(title: str, body: str) -> tuple[str, str]:
    """Return the title and body as stored; raise DomainError when one is empty or too long."""
    title = " ".join(title.split())
    body = body.strip()
    checked_text("タイトル", title, TITLE_MAX)
    checked_text("本文", body, BODY_MAX)
    return title, body


def create_diary(author_id: int, title: str, body: str, visibility: str, key: str, *,
                 written_at: datetime | None = None) -> int:
    """Write a diary (once per form key), dated now or, for a premium member, at written_at;
    return its id."""
    title, body = clean_diary(title, body)
    now = utcnow()
    if written_at is not None:
        check_date(author_id, written_at, now)
    diary_id = insert_once(Diary, "author_id", {
        "author_id": author_id, "title": title, "body": body,
        "created_at": written_at or now,
        "visibility": Visibility.parse(visibility, DEFAULT_VISIBILITY).value,
        "owner_read_at": now, "submit_key": key,
    })
    diary = db.session.get(Diary, diary_id)
    if diary is not None:  # the friends' feeds: this one, or the same form's first diary
        hot.feed_changed(feed.diary_written(author_id, diary.created_at, diary.visibility))
    changed("diaries", diary_id)
    return diary_id


def own_diary_or_refuse(diary_id: int, member_id: int) -> Diary:
    """Return the member's own diary; refuse someone else's, hide one they cannot read."""
    diary = queries.own_diary(diary_id, member_id)
    if diary is not None:
        return diary
    if queries.visible_diary(diary_id, member_id) is not None:
        raise NotYourDiary()
    raise DiaryNotFound()


def update_diary(diary: Diary, title: str, body: str, visibility: str, *,
                 written_at: datetime | None = None) -> None:
    """Change the member's own diary (and, for a premium member, its date to written_at);
    refused while an operator hides it."""
    refuse_if_hidden("diary", diary.id, diary.created_at)
    if diary.blog_link is not None:
        raise ImportedDiary()
    diary.title, diary.body = clean_diary(title, body)
    now = utcnow()
    moved = False
    if written_at is not None and written_at != diary.created_at:
        check_date(diary.author_id, written_at, now)
        diary.created_at, moved = written_at, True
    before = diary.visibility
    diary.visibility = Visibility.parse(visibility, Visibility(diary.visibility)).value
    diary.updated_at = now
    changed("diaries", diary.id)
    if moved or diary.visibility != before:  # it may enter, leave or move in the feeds
        db.session.flush()
        hot.feed_changed(feed.diary_written(diary.author_id, None, diary.visibility))


def delete_diary(diary_id: int, member_id: int) -> bool:
    """Delete the member's own diary and its comments; return False when there was none."""
    result = db.session.execute(
        delete(Diary).where(Diary.id == diary_id, Diary.author_id == member_id))
    deleted = bool(getattr(result, "rowcount", 0))
    if deleted:
        hot.feed_changed(feed.diary_written(member_id, None, ""))
        hot.news_changed(member_id)  # its new comments are no longer counted
        changed("diaries", diary_id)
    return deleted


def add_comment(diary_id: int, member_id: int, body: str, key: str) -> int:
    """Comment on a diary the member can read (once per form key); return the comment's id."""
    found = queries.visible_diary(diary_id, member_id)
    if found is None:
        raise DiaryNotFound()
    if found[0].blog_link is not None:
        raise ImportedDiary(NO_COMMENTS_ON_BLOG)
    body = body.strip()
    checked_text("コメント", body, COMMENT_MAX)
    now = utcnow()
    try:
        comment_id = insert_once(Comment, "author_id", {
            "diary_id": diary_id, "author_id": member_id, "body": body,
            "created_at": now, "submit_key": key,
        })
    except IntegrityError:  # the diary was deleted meanwhile (the unit is rolled back)
        raise DiaryNotFound() from None
    author_id = feed.comment_written(diary_id, member_id)
    if author_id is not None and author_id != member_id:
        hot.news_changed(author_id)
    if db.session.scalar(select(Comment.created_at).where(Comment.id == comment_id)) == now:
        # a new comment, not the same form sent again
        diary_commented(diary_id, author_id, comment_id, member_id)
    return comment_id


def delete_comment(diary_id: int, comment_id: int, member_id: int) -> bool:
    """Delete a comment by the member or on the member's diary; return False if none went."""
    own_diary = exists().where(Diary.id == Comment.diary_id, Diary.author_id == member_id)
    result = db.session.execute(delete(Comment).where(
        Comment.id == comment_id, Comment.diary_id == diary_id,
        or_(Comment.author_id == member_id, own_diary)))
    deleted = bool(getattr(result, "rowcount", 0))
    if deleted:
        author_id = db.session.scalar(select(Diary.author_id).where(Diary.id == diary_id))
        hot.news_changed(*([author_id] if author_id is not None else []))
    return deleted


def mark_comments_read(diary: Diary) -> None:
    """Record that the author has seen the comments (written only when there are new ones)."""
    newer = exists().where(and_(Comment.diary_id == diary.id,
                                Comment.created_at > Diary.owner_read_at))
    result = db.session.execute(update(Diary).where(Diary.id == diary.id, newer)
                                .values(owner_read_at=utcnow())
                                .execution_options(synchronize_session=False))
    if getattr(result, "rowcount", 0):
        hot.news_changed(diary.author_id)

