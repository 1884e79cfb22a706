"""Message reads: each member sees only the copies they have not deleted, in one statement."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Row, and_, false, func, literal, or_, select
from sqlalchemy.orm import aliased

from keitai.db import db
from keitai.models.member import Member
from keitai.models.message import Message
from keitai.pagination import AnySelect


def inbox(member_id: int) -> AnySelect:
    """Return the messages the member received and kept, newest first, with the senders."""
    return (select(Message.id, Message.subject, Message.created_at, Message.read_at,
                   Message.sender_id.label("other_id"), Member.nickname.label("other_nickname"))
            .join(Member, Member.id == Message.sender_id)
            .where(Message.recipient_id == member_id, Message.recipient_deleted == false())
            .order_by(Message.created_at.desc(), Message.id.desc()))


def outbox(member_id: int) -> AnySelect:
    """Return the messages the member sent and kept, newest first, with the recipients."""
    return (select(Message.id, Message.subject, Message.created_at, Message.read_at,
                   Message.recipient_id.label("other_id"),
                   Member.nickname.label("other_nickname"))
            .join(Member, Member.id == Message.recipient_id)
            .where(Message.sender_id == member_id, Message.sender_deleted == false())
            .order_by(Message.created_at.desc(), Message.id.desc()))


def unread_count_expr(member: Any) -> Any:
    """Return how many messages the member received and has not opened, as a subquery."""
    return (select(func.count()).select_from(Message).where(
        Message.recipient_id == member, Message.read_at.is_(None),
        Message.recipient_deleted == false()).scalar_subquery())


def unread_count(member_id: int) -> int:
    """Return how many messages the member received and has not opened yet."""
    return int(db.session.scalar(select(unread_count_expr(literal(member_id)))) or 0)


def readable(message_id: int, member_id: int) -> Row[Message, str, str] | None:
    """Return (Message, sender nickname, recipient nickname) if it is the member's copy."""
    sender, recipient = aliased(Member), aliased(Member)
    return db.session.execute(
        select(Message, sender.nickname.label("sender_nickname"),
               recipient.nickname.label("recipient_nickname"))
        .join(sender, sender.id == Message.sender_id)
        .join(recipient, recipient.id == Message.recipient_id)
        .where(Message.id == message_id, or_(
            and_(Message.sender_id == member_id, Message.sender_deleted == false()),
            and_(Message.recipient_id == member_id, Message.recipient_deleted == false())))
    ).first()
