"""Bookmark reads: the members I bookmarked, newest first."""
from __future__ import annotations

from sqlalchemy import select

from keitai.models.bookmark import Bookmark
from keitai.models.member import Member
from keitai.pagination import AnySelect
from keitai.privacy import not_blocked


def bookmarked_members(member_id: int) -> AnySelect:
    """Return the members I bookmarked (id, nickname), newest first, none a block hides."""
    return (select(Member.id, Member.nickname)
            .join(Bookmark, Bookmark.target_id == Member.id)
            .where(Bookmark.member_id == member_id, not_blocked(Member.id, member_id))
            .order_by(Bookmark.created_at.desc(), Member.id.desc()))
