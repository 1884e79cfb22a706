"""Reading the messages table for tests."""
from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from keitai.db import db
from keitai.models.message import Message


def messages_between(app: Flask, sender: int, recipient: int) -> list[Message]:
    """Return the rows of messages from sender to recipient, oldest first."""
    with app.app_context():
        return list(db.session.scalars(select(Message).where(
            Message.sender_id == sender, Message.recipient_id == recipient)
            .order_by(Message.id)))
