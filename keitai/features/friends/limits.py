"""The friend limit, held even when two requests are accepted at the same moment.

Every change to a member's friendships first locks that member's `friend_counts` row with an
UPDATE (members in id order, so two changes never wait on each other in a circle), then
counts the friendships in a new statement. On PostgreSQL a second transaction waits for the
lock and then counts what the first one committed; on SQLite the UPDATE takes the database's
write lock, which serialises the same way. The stored count is rewritten on every change, so
it heals itself when a friend's withdrawal cascaded their friendships away.
"""
from __future__ import annotations

from collections.abc import Iterable

from flask import current_app
from sqlalchemy import func, select, update

from keitai import hot
from keitai.db import db
from keitai.models.friendship import FriendCount, Friendship
from keitai.models.member import Member
from keitai.upsert import insert_ignore


def friend_limit() -> int:
    """Return the friends a member may have (KEITAI_FRIEND_LIMIT, mixi's 1000 by default)."""
    return int(current_app.config["FRIEND_LIMIT"])


def lock_members(member_ids: Iterable[int]) -> None:
    """Lock the friend_counts rows of the members (made if missing) until the commit."""
    ids = sorted(set(member_ids))
    insert_ignore(FriendCount, [{"member_id": m, "count": 0} for m in ids])
    for member_id in ids:
        db.session.execute(update(FriendCount).where(FriendCount.member_id == member_id)
                           .values(count=FriendCount.count))


def current_counts(member_ids: Iterable[int]) -> dict[int, int]:
    """Count the members' friendships now (call after lock_members)."""
    ids = list(set(member_ids))
    counted = dict(db.session.execute(
        select(Friendship.member_id, func.count()).where(Friendship.member_id.in_(ids))
        .group_by(Friendship.member_id)).all())
    return {member_id: int(counted.get(member_id, 0)) for member_id in ids}


def members_over(counts: dict[int, int], adding: int = 1) -> set[int]:
    """Return the members who would pass the limit with `adding` more friends."""
    celebrities = set(db.session.scalars(
        select(Member.id).where(Member.id.in_(list(counts)), Member.is_celebrity)))
    limit = friend_limit()
    return {m for m, n in counts.items() if m not in celebrities and n + adding > limit}


def refresh_counts(member_ids: Iterable[int]) -> dict[int, int]:
    """Write the members' friend counts as the friendships say; return them."""
    counts = current_counts(member_ids)
    insert_ignore(FriendCount, [{"member_id": m, "count": 0} for m in sorted(counts)])
    for member_id, count in counts.items():
        db.session.execute(update(FriendCount).where(FriendCount.member_id == member_id)
                           .values(count=count))
    hot.layout_changed(*counts)  # the layout shows the count and a few friends
    return counts
