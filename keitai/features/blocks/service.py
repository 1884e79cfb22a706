"""Blocking and unblocking. A block ends the friendship and clears what ties the two."""
from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, delete, or_

from keitai import hot
from keitai.db import db
from keitai.features.friends.service import remove_friend
from keitai.models.base import utcnow
from keitai.models.block import Block
from keitai.models.bookmark import Bookmark
from keitai.models.footprint import Footprint
from keitai.models.friendship import FriendRequest
from keitai.upsert import insert_ignore


def _between(first: Any, second: Any, a: int, b: int) -> ColumnElement[bool]:
    return or_(and_(first == a, second == b), and_(first == b, second == a))


def block(blocker_id: int, blocked_id: int) -> None:
    """Block a member: friendship, requests, footprints and bookmarks between the two go."""
    if blocker_id == blocked_id:
        return
    insert_ignore(Block, {"blocker_id": blocker_id, "blocked_id": blocked_id,
                          "created_at": utcnow()})
    remove_friend(blocker_id, blocked_id)
    a, b = blocker_id, blocked_id
    db.session.execute(delete(FriendRequest).where(
        _between(FriendRequest.sender_id, FriendRequest.recipient_id, a, b)))
    db.session.execute(delete(Footprint).where(
        _between(Footprint.member_id, Footprint.visitor_id, a, b)))
    hot.news_changed(a, b)
    db.session.execute(delete(Bookmark).where(
        _between(Bookmark.member_id, Bookmark.target_id, a, b)))


def unblock(blocker_id: int, blocked_id: int) -> None:
    """Lift a block (the friendship does not come back)."""
    db.session.execute(delete(Block).where(Block.blocker_id == blocker_id,
                                           Block.blocked_id == blocked_id))
