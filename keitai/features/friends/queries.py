"""Friend reads: lists, requests, counts and shared friends, each one statement."""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, literal, select
from sqlalchemy.orm import aliased

from keitai.db import db
from keitai.models.friendship import FriendRequest, Friendship
from keitai.models.member import Member
from keitai.privacy import not_blocked
from keitai.rows import AnyRow, AnySelect


def friends_of(member_id: int) -> AnySelect:
    """Return the member's friends (id, nickname), newest friendship first."""
    return (select(Member.id, Member.nickname, Friendship.created_at)
            .join(Friendship, Friendship.friend_id == Member.id)
            .where(Friendship.member_id == member_id)
            .order_by(Friendship.created_at.desc(), Member.id.desc()))


def friend_count(member_id: int) -> int:
    """Return how many friends the member has."""
    return int(db.session.scalar(
        select(func.count()).select_from(Friendship).where(Friendship.member_id == member_id))
        or 0)


def incoming_requests(member_id: int) -> AnySelect:
    """Return the requests waiting for the member's answer, oldest first, with the sender."""
    return (select(FriendRequest.id, FriendRequest.message, FriendRequest.knows_person,
                   FriendRequest.created_at, Member.id.label("sender_id"), Member.nickname)
            .join(Member, Member.id == FriendRequest.sender_id)
            .where(FriendRequest.recipient_id == member_id)
            .order_by(FriendRequest.created_at, FriendRequest.id))


def outgoing_requests(member_id: int) -> AnySelect:
    """Return the requests the member sent that are still unanswered, with the recipient."""
    return (select(FriendRequest.id, FriendRequest.created_at,
                   Member.id.label("recipient_id"), Member.nickname)
            .join(Member, Member.id == FriendRequest.recipient_id)
            .where(FriendRequest.sender_id == member_id)
            .order_by(FriendRequest.created_at, FriendRequest.id))


def first_outgoing_requests(member_id: int, limit: int) -> list[AnyRow]:
    """Return the first `limit` requests the member sent that are still unanswered."""
    return list(db.session.execute(outgoing_requests(member_id).limit(limit)).all())


def request_count_expr(member: Any) -> Any:
    """Return how many requests wait for the member's answer, as a subquery."""
    return (select(func.count()).select_from(FriendRequest)
            .where(FriendRequest.recipient_id == member).scalar_subquery())


def request_count(member_id: int) -> int:
    """Return how many requests wait for the member's answer."""
    return int(db.session.scalar(select(request_count_expr(literal(member_id)))) or 0)


def friends_shown(owner_id: int, viewer_id: int) -> AnySelect:
    """Return the owner's friends as the viewer sees them listed (id, nickname), newest
    friendship first: those with a block between them and the viewer left out."""
    return friends_of(owner_id).where(not_blocked(Member.id, viewer_id))


def shown_friend_count(owner_id: int, viewer_id: int) -> int:
    """Return how many friends friends_shown lists."""
    return int(db.session.scalar(
        select(func.count()).select_from(Friendship)
        .where(Friendship.member_id == owner_id, not_blocked(Friendship.friend_id, viewer_id)))
        or 0)


def common_friends(viewer_id: int, owner_id: int) -> AnySelect:
    """Return the friends the viewer and owner share (id, nickname), by member id; those
    with a block between them and the viewer left out."""
    mine, theirs = aliased(Friendship), aliased(Friendship)
    return (select(Member.id, Member.nickname)
            .join(mine, mine.friend_id == Member.id)
            .join(theirs, theirs.friend_id == Member.id)
            .where(mine.member_id == literal(viewer_id), theirs.member_id == literal(owner_id),
                   not_blocked(Member.id, viewer_id))
            .order_by(Member.id))


def common_friend_count(viewer_id: int, owner_id: int) -> int:
    """Return how many friends common_friends lists."""
    shared = common_friends(viewer_id, owner_id).order_by(None).subquery()
    return int(db.session.scalar(select(func.count()).select_from(shared)) or 0)


def shared_friends(viewer_id: int, owner_id: int, limit: int) -> tuple[list[AnyRow], int]:
    """Return up to limit friends the viewer and owner share (id, nickname), and how many.

    One statement: the count rides along as a window function.
    """
    rows = db.session.execute(common_friends(viewer_id, owner_id)
                              .add_columns(func.count().over().label("total"))
                              .limit(limit)).all()
    return list(rows), int(rows[0].total) if rows else 0
