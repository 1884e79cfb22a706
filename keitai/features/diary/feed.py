"""The friends' diaries feed: the same few index entries read whatever the friend count.

Each friendship row carries `friend_diary_at`, the time of the friend's latest diary that a
friend may read (anything but only_me). The feed's first `depth` entries (limit + offset)
can only come from the friends whose latest diary is at least as new as the depth-th newest
of those times, and only from their diaries at least that new: those friends alone already
wrote `depth` diaries that new. So the feed reads `depth` entries of the friendships index
(member, friend_diary_at), then those few friends' newest diaries on the diaries index
(author, created_at): a member with 1000 friends costs what a member with 10 costs.

The column only chooses candidates; every candidate still passes keitai.privacy.can_see, so a
stale value can hide or misplace a diary for a moment but never show one it should not.
Every diary write calls `diary_written`, every new friendship `friendship_made`, in the same
unit of work as the write.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import Integer, bindparam, case, func, literal, or_, select, update
from sqlalchemy.orm import Session

from keitai.db import db
from keitai.models.base import utcnow
from keitai.models.diary import Comment, Diary
from keitai.models.friendship import Friendship
from keitai.models.member import Member
from keitai.privacy import Visibility, can_see, not_blocked
from keitai.rows import AnyRow, AnySelect

#: older than any diary: the floor when fewer friends than the depth have written one
_BEFORE_ALL = datetime(1970, 1, 1, tzinfo=UTC)


def _latest_readable(author: Any) -> Any:
    """Return the time of the author's newest diary a friend may read, as a subquery."""
    return (select(func.max(Diary.created_at))
            .where(Diary.author_id == author, Diary.visibility != Visibility.ONLY_ME.value)
            .scalar_subquery())


def diary_written(author_id: int, created_at: datetime | None, visibility: str) -> list[int]:
    """Keep the author's friendships right after a diary was written, edited or deleted.

    A new readable diary only moves the time forward (a conditional update: two diaries
    posted at once leave the newer); any other change recomputes it from the diaries. Return
    the ids of the members whose feed changed (the author's friends).
    """
    if created_at is not None and visibility != Visibility.ONLY_ME.value:
        column = Friendship.friend_diary_at
        value: Any = case((or_(column.is_(None), column < created_at), literal(created_at)),
                          else_=column)
    else:
        value = _latest_readable(Friendship.friend_id)
    result = db.session.execute(
        update(Friendship).where(Friendship.friend_id == author_id)
        .values(friend_diary_at=value).returning(Friendship.member_id)
        .execution_options(synchronize_session=False))
    return [int(member_id) for member_id in result.scalars()]


def friendship_made(pairs: Iterable[tuple[int, int]]) -> None:
    """Fill in the latest diary time on new friendship rows (member, friend)."""
    for member_id, friend_id in pairs:
        db.session.execute(
            update(Friendship)
            .where(Friendship.member_id == member_id, Friendship.friend_id == friend_id)
            .values(friend_diary_at=_latest_readable(friend_id))
            .execution_options(synchronize_session=False))


def comment_written(diary_id: int, commenter_id: int) -> int | None:
    """Note a new comment on the diary (by someone else than its author, the diary may now
    have new comments for the author); return the diary's author, or None without a diary."""
    now = utcnow()
    result = db.session.execute(
        update(Diary).where(Diary.id == diary_id)
        .values(commented_at=case((Diary.author_id == commenter_id, Diary.commented_at),
                                  else_=literal(now, Diary.commented_at.type)))
        .returning(Diary.author_id).execution_options(synchronize_session=False))
    author = result.scalar()
    return int(author) if author is not None else None


def _latest_other_comment(diary: Any) -> Any:
    """Return the time of the latest comment on the diary by someone else than its author."""
    return (select(func.max(Comment.created_at))
            .where(Comment.diary_id == diary.id, Comment.author_id != diary.author_id)
            .scalar_subquery())


def refresh_all() -> None:
    """Recompute what home's indexes read from the rows (imports, repairs, fixtures): every
    friendship's latest diary time, every diary's latest comment by others."""
    db.session.execute(update(Friendship).values(
        friend_diary_at=_latest_readable(Friendship.friend_id))
        .execution_options(synchronize_session=False))
    db.session.execute(update(Diary).values(commented_at=_latest_other_comment(Diary))
                       .execution_options(synchronize_session=False))


def comment_count() -> Any:
    """Return the number of comments on each diary row, counted in the same statement."""
    return (select(func.count()).where(Comment.diary_id == Diary.id)
            .correlate(Diary).scalar_subquery().label("comment_count"))


@cache
def _feed() -> AnySelect:
    """Build the feed's statement once; its parameters are member, limit, offset and depth."""
    member = bindparam("member_id", type_=Friendship.member_id.type)
    # a friend behind a block writes nothing the member may read: they rank nowhere
    unblocked = not_blocked(Friendship.friend_id, member)
    depth_th = (select(Friendship.friend_diary_at)
                .where(Friendship.member_id == member, Friendship.friend_diary_at.is_not(None),
                       unblocked)
                .order_by(Friendship.friend_diary_at.desc())
                .limit(1).offset(bindparam("depth_offset", type_=Integer)).scalar_subquery())
    floor = func.coalesce(depth_th, literal(_BEFORE_ALL, Friendship.friend_diary_at.type))
    authors = select(Friendship.friend_id).where(
        Friendship.member_id == member, Friendship.friend_diary_at >= floor, unblocked)
    window = (select(Diary.id, Diary.created_at)
              .where(Diary.author_id.in_(authors), Diary.created_at >= floor,
                     Diary.visibility != Visibility.ONLY_ME.value,
                     can_see(Diary.author_id, Diary.visibility, member))
              .order_by(Diary.created_at.desc(), Diary.id.desc())
              .limit(bindparam("limit", type_=Integer))
              .offset(bindparam("offset", type_=Integer)).subquery("window"))
    return (select(Diary.id, Diary.title, Diary.created_at, Diary.author_id,
                   Member.nickname.label("author_nickname"), comment_count(),
                   Diary.blog_link)  # 外部ブログ: marked in the lists
            .join(window, window.c.id == Diary.id)
            .join(Member, Member.id == Diary.author_id)
            .order_by(window.c.created_at.desc(), window.c.id.desc()))


def feed_parameters(member_id: int, limit: int, offset: int) -> dict[str, int]:
    """Return the values of the feed statement's parameters for one window."""
    return {"member_id": member_id, "limit": limit, "offset": offset,
            "depth_offset": max(limit + offset - 1, 0)}


def feed(member_id: int, limit: int, offset: int = 0) -> AnySelect:
    """Return the feed's statement with one window's values bound (for a paged list)."""
    return _feed().params(feed_parameters(member_id, limit, offset))


def latest(member_id: int, limit: int, session: Session | None = None) -> list[AnyRow]:
    """Return the newest `limit` diaries of the member's friends the member may read (read
    through session, by default the unit of work's)."""
    return list((session or db.session()).execute(
        _feed(), feed_parameters(member_id, limit, 0)).all())

