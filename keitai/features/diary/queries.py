"""Diary reads. Every one filters by keitai.privacy.can_see in SQL and is one statement."""
from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import BindParameter, Integer, Row, Select, bindparam, func, literal, select
from sqlalchemy.orm import Session

from keitai.db import db
from keitai.features.diary import feed
from keitai.models.diary import Comment, Diary
from keitai.models.member import Member
from keitai.pagination import AnySelect, Page, fetch_prepared, paged
from keitai.privacy import can_see, not_blocked
from keitai.replica import read_session


def _id(name: str) -> BindParameter[int]:
    """Return the parameter of an id in a statement built once."""
    return bindparam(name, type_=Integer)


def _new_comment_count() -> Any:
    """Return how many comments by others came after the author last read the diary."""
    return (select(func.count()).where(
        Comment.diary_id == Diary.id, Comment.author_id != Diary.author_id,
        Comment.created_at > Diary.owner_read_at,
    ).correlate(Diary).scalar_subquery().label("new_comment_count"))


@cache
def _member_diaries(own: bool) -> AnySelect:
    """Build, once, the select of a member's diaries a viewer may read (the owner's own list
    counts the new comments too)."""
    owner, viewer = _id("owner_id"), _id("viewer_id")
    columns = [Diary.id, Diary.title, Diary.visibility, Diary.created_at, feed.comment_count(),
               Diary.blog_link]  # 外部ブログ: marked in the list
    if own:
        columns.append(_new_comment_count())
    return paged(select(*columns)
                 .where(Diary.author_id == owner,
                        can_see(Diary.author_id, Diary.visibility, viewer))
                 .order_by(Diary.created_at.desc(), Diary.id.desc()))


def member_diaries(owner_id: int, viewer_id: int, number: int, per_page: int) -> Page:
    """Return a page of the owner's diaries the viewer may read, newest first (the owner sees
    how many comments are new)."""
    return fetch_prepared(_member_diaries(owner_id == viewer_id),
                          {"owner_id": owner_id, "viewer_id": viewer_id}, number, per_page,
                          read_session())


@cache
def _visible_diary() -> Select[Diary, str]:
    """Build, once, the select of a diary and its author's nickname, if the viewer may read it."""
    return (select(Diary, Member.nickname.label("author_nickname"))
            .join(Member, Member.id == Diary.author_id)
            .where(Diary.id == _id("diary_id"),
                   can_see(Diary.author_id, Diary.visibility, _id("viewer_id"))))


def visible_diary(diary_id: int, viewer_id: int) -> Row[Diary, str] | None:
    """Return (Diary, author nickname) when the viewer may read the diary, else None."""
    return db.session.execute(
        _visible_diary(), {"diary_id": diary_id, "viewer_id": viewer_id}).first()


@cache
def _diary_comments(as_author: bool) -> AnySelect:
    """Build, once, the select of a diary's comments, newest first; for others than the
    author, without the comments of members a block stands between."""
    statement = (select(Comment.id, Comment.body, Comment.created_at, Comment.author_id,
                        Member.nickname.label("author_nickname"))
                 .join(Member, Member.id == Comment.author_id)
                 .where(Comment.diary_id == _id("diary_id"))
                 .order_by(Comment.created_at.desc(), Comment.id.desc()))
    if not as_author:
        statement = statement.where(not_blocked(Comment.author_id, _id("viewer_id")))
    return paged(statement)


def diary_comments(diary: Diary, viewer_id: int, number: int, per_page: int) -> Page:
    """Return a page of the comments the viewer sees on a diary they can read, newest first.

    The author sees every comment (to delete any); others see none by a member they are
    blocking or blocked by.
    """
    return fetch_prepared(_diary_comments(viewer_id == diary.author_id),
                          {"diary_id": diary.id, "viewer_id": viewer_id}, number, per_page)


def friends_diaries(member_id: int, limit: int, offset: int = 0) -> AnySelect:
    """Return a window of the diaries of the member's friends the member may read, newest first.

    Served by keitai.features.diary.feed: the cost does not grow with the friend count.
    """
    return feed.feed(member_id, limit, offset)


def friends_latest(member_id: int, limit: int,
                   session: Session | None = None) -> list[Row[*tuple[Any, ...]]]:
    """Return the friends' latest diaries the member may read, newest first, in one statement.

    Each row has id, title, created_at, author_id, author_nickname and comment_count.
    """
    return feed.latest(member_id, limit, session)


def new_comment_count_expr(member: Any) -> Any:
    """Return how many comments others wrote on the member's diaries since the member read
    them, as a subquery."""
    # only the diaries commented on since the author read them (a partial index holds
    # them), then their comments counted exactly
    return (select(func.count()).select_from(Comment)
            .join(Diary, Diary.id == Comment.diary_id)
            .where(Diary.author_id == member, Diary.commented_at > Diary.owner_read_at,
                   Comment.author_id != member,
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
