"""Message writes: send (not between blocked members), mark read, delete one's own copy."""
from __future__ import annotations

from sqlalchemy import delete, false, func, literal, select, true, update

from keitai import hot
from keitai.db import db
from keitai.domain import DomainError, NotAllowed, NotFound
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.models.message import Message
from keitai.notices import notify
from keitai.privacy import is_blocked_between
from keitai.submit_keys import insert_once

SUBJECT_MAX = 50
BODY_MAX = 2000
#: what a reply's subject starts with
REPLY_PREFIX = "Re: "


class RecipientNotFound(NotFound):
    """The message names no member."""

    default_message = "宛先のメンバーが見つかりません。ミニメールはメンバーのページから送れます。"


class MessageRefused(NotAllowed):
    """A block stands between sender and recipient, or the member wrote to themself."""

    default_message = "このメンバーにはミニメールを送れません。"


class MessageNotFound(NotFound):
    """No such message, or not the member's copy."""

    default_message = "ミニメールが見つかりません。"


def recipient_for(sender_id: int, recipient_id: int | None) -> Member:
    """Return the member a message may go to; refuse oneself and blocked members."""
    recipient = db.session.get(Member, recipient_id) if recipient_id else None
    if recipient is None:
        raise RecipientNotFound()
    if recipient.id == sender_id or is_blocked_between(sender_id, recipient.id):
        raise MessageRefused()
    return recipient


def reply_subject(subject: str) -> str:
    """Return the subject of a reply: 'Re: ' once, however long the thread."""
    subject = subject if subject.startswith(("Re:", "RE:")) else REPLY_PREFIX + subject
    return subject[:SUBJECT_MAX]


def send(sender_id: int, recipient_id: int | None, subject: str, body: str, key: str) -> int:
    """Send a message (once per form key); return its id."""
    recipient = recipient_for(sender_id, recipient_id)
    subject, body = " ".join(subject.split()), body.strip()
    if len(subject) > SUBJECT_MAX:
        raise DomainError(
            f"件名は{SUBJECT_MAX}文字以内で入力してください(今は{len(subject)}文字です)。")
    if not body:
        raise DomainError("本文を入力してください。")
    if len(body) > BODY_MAX:
        raise DomainError(f"本文は{BODY_MAX}文字以内で入力してください(今は{len(body)}文字です)。")
    now = utcnow()
    message_id = insert_once(Message, "sender_id", {
        "sender_id": sender_id, "recipient_id": recipient.id, "subject": subject,
        "body": body, "created_at": now, "sender_deleted": False,
        "recipient_deleted": False, "submit_key": key,
    })
    hot.news_changed(recipient.id)
    if db.session.scalar(select(Message.created_at).where(Message.id == message_id)) == now:
        # a new message, not the same form sent again
        notify(recipient.id, "message", "messages.show", {"message_id": message_id},
               actor_id=sender_id)
    return message_id


def mark_read(message: Message, member_id: int) -> None:
    """Mark a message read when its recipient opens it for the first time."""
    if message.recipient_id == member_id and message.read_at is None:
        message.read_at = utcnow()
        hot.news_changed(member_id)


def delete_copy(message_id: int, member_id: int) -> bool:
    """Delete the member's copy; the row goes when both have deleted it. False if none was."""
    sent = db.session.execute(update(Message).where(
        Message.id == message_id, Message.sender_id == member_id,
        Message.sender_deleted == false()).values(sender_deleted=True))
    # a copy deleted unread is no longer counted as unread
    read_now = func.coalesce(Message.read_at, literal(utcnow(), Message.read_at.type))
    received = db.session.execute(update(Message).where(
        Message.id == message_id, Message.recipient_id == member_id,
        Message.recipient_deleted == false()).values(recipient_deleted=True, read_at=read_now))
    db.session.execute(delete(Message).where(
        Message.id == message_id, Message.sender_deleted == true(),
        Message.recipient_deleted == true()))
    if getattr(received, "rowcount", 0):
        hot.news_changed(member_id)
    return bool(getattr(sent, "rowcount", 0) or getattr(received, "rowcount", 0))
