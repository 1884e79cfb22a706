"""Diary reads. Every one filters by keitai.privacy.can_see in SQL and is one statement."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Row, func, literal, select

from keitai.db import db
from keitai.features.diary import feed
from keitai.models.diary import Comment, Diary
from keitai.models.member import Member
from keitai.pagination import AnySelect
from keitai.privacy import can_see, not_blocked


def _new_comment_count() -> Any:
    """Return how many comments by others came after the author last read the diary."""
    return (select(func.count()).where(
        Comment.diary_id == Diary.id, Comment.author_id != Diary.author_id,
        Comment.created_at > Diary.owner_read_at,
    ).correlate(Diary).scalar_subquery().label("new_comment_count"))


def member_diaries(owner_id: int, viewer_id: int) -> AnySelect:
    """Return the owner's diaries the viewer may read, newest first (the owner sees new ones)."""
    columns = [Diary.id, Diary.title, Diary.visibility, Diary.created_at, feed.comment_count()]
    if owner_id == viewer_id:
        columns.append(_new_comment_count())
    return (select(*columns)
            .where(Diary.author_id == owner_id,
                   can_see(Diary.author_id, Diary.visibility, viewer_id))
            .order_by(Diary.created_at.desc(), Diary.id.desc()))


def visible_diary(diary_id: int, viewer_id: int) -> Row[Diary, str] | None:
    """Return (Diary, author nickname) when the viewer may read the diary, else None."""
    return db.session.execute(
        select(Diary, Member.nickname.label("author_nickname"))
        .join(Member, Member.id == Diary.author_id)
        .where(Diary.id == diary_id, can_see(Diary.author_id, Diary.visibility, viewer_id))
    ).first()


def diary_comments(diary: Diary, viewer_id: int) -> AnySelect:
    """Return the comments the viewer sees on a diary they can read, newest first.

    The author sees every comment (to delete any); others see none by a member they are
    blocking or blocked by.
    """
    statement = (select(Comment.id, Comment.body, Comment.created_at, Comment.author_id,
                        Member.nickname.label("author_nickname"))
                 .join(Member, Member.id == Comment.author_id)
                 .where(Comment.diary_id == diary.id)
                 .order_by(Comment.created_at.desc(), Comment.id.desc()))
    if viewer_id != diary.author_id:
        statement = statement.where(not_blocked(Comment.author_id, viewer_id))
    return statement


def friends_diaries(member_id: int, limit: int, offset: int = 0) -> AnySelect:
    """Return a window of the diaries of the member's friends the member may read, newest first.

    Served by keitai.features.diary.feed: the cost does not grow with the friend count.
    """
    return feed.feed(member_id, limit, offset)


def friends_latest(member_id: int, limit: int) -> list[Row[*tuple[Any, ...]]]:
    """Return the friends' latest diaries the member may read, newest first, in one statement.

    Each row has id, title, created_at, author_id, author_nickname and comment_count.
    """
    return feed.latest(member_id, limit)


def new_comment_count_expr(member: Any) -> Any:
    """Return how many comments others wrote on the member's diaries since the member read
    them, as a subquery."""
    return (select(func.count()).select_from(Comment)
            .join(Diary, Diary.id == Comment.diary_id)
            .where(Diary.author_id == member, Comment.author_id != member,
                   Comment.created_at > Diary.owner_read_at).scalar_subquery())


def new_comment_count(member_id: int) -> int:
    """Return how many comments others wrote on the member's diaries since the member read them."""
    return int(db.session.scalar(select(new_comment_count_expr(literal(member_id)))) or 0)


def own_diary(diary_id: int, member_id: int) -> Diary | None:
    """Return the diary when the member wrote it."""
    return db.session.scalars(
        select(Diary).where(Diary.id == diary_id, Diary.author_id == member_id)).first()


def comment_for_delete(diary_id: int, comment_id: int, member_id: int) -> Row[Comment, str] | None:
    """Return (Comment, author nickname) when the member wrote it or the diary."""
    return db.session.execute(
        select(Comment, Member.nickname.label("author_nickname"))
        .join(Diary, Diary.id == Comment.diary_id)
        .join(Member, Member.id == Comment.author_id)
        .where(Comment.id == comment_id, Comment.diary_id == diary_id,
               (Comment.author_id == member_id) | (Diary.author_id == member_id))
    ).first()


def comment_exists(comment_id: int) -> bool:
    """Return True when a comment has this id."""
    return db.session.get(Comment, comment_id) is not None
