"""Block reads: the members I blocked, newest first."""
from __future__ import annotations

from sqlalchemy import select

from keitai.db import db
from keitai.models.block import Block
from keitai.models.member import Member
from keitai.pagination import AnySelect


def blocked_members(member_id: int) -> AnySelect:
    """Return the members I blocked (id, nickname), newest block first."""
    return (select(Member.id, Member.nickname)
            .join(Block, Block.blocked_id == Member.id)
            .where(Block.blocker_id == member_id)
            .order_by(Block.created_at.desc(), Member.id.desc()))


def member_exists(member_id: int) -> bool:
    """Return True when a member has this id."""
    return db.session.get(Member, member_id) is not None
