"""What an operator hid: the placeholders that stand in for its words, and the checks the
image views and the features' edits make (no feature imports: the features import this
module)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, select

from keitai.db import db
from keitai.domain import NotAllowed
from keitai.models.album import Picture
from keitai.models.report import HiddenItem
from keitai.models.video import Video

#: what a hidden item's text says instead, and its title, name or short field
HIDDEN_TEXT = "この投稿は運営により非表示にされました"
HIDDEN_TITLE = "(運営により非表示)"
#: the fields that hold a text rather than a title or a short line
TEXT_FIELDS = frozenset({"body", "description", "introduction"})


class HiddenByOperators(NotAllowed):
    """Its author may not edit an item an operator hid (their edit would undo the hiding)."""

    default_message = "この投稿は運営により非表示にされているため、編集できません。"


def placeholder(key: str) -> str:
    """Return what stands in for the hidden field named key."""
    return HIDDEN_TEXT if key in TEXT_FIELDS else HIDDEN_TITLE


def is_hidden(kind: str, item_id: int) -> bool:
    """Return True when an operator has hidden the item."""
    return bool(db.session.scalar(select(exists().where(
        HiddenItem.kind == kind, HiddenItem.item_id == item_id))))


def refuse_if_hidden(kind: str, item_id: int, written_at: datetime | None = None,
                     message: str | None = None) -> None:
    """Refuse (HiddenByOperators, 403) an edit of an item an operator has hidden.

    written_at is when the item was written: a mark older than it is a deleted item's whose
    id SQLite gave to a new one, and does not count. Deleting a hidden item stays allowed.
    """
    hidden = exists().where(HiddenItem.kind == kind, HiddenItem.item_id == item_id)
    if written_at is not None:
        hidden = hidden.where(HiddenItem.hidden_at >= written_at)
    if db.session.scalar(select(hidden)):
        raise HiddenByOperators(message)


def picture_hidden(key: str) -> bool:
    """Return True when the picture with this image key is hidden (its image is not served)."""
    # a mark older than the picture is a deleted picture's whose id SQLite gave again
    return bool(db.session.scalar(select(exists().where(
        HiddenItem.kind == "picture", HiddenItem.item_id == Picture.id, Picture.key == key,
        HiddenItem.hidden_at >= Picture.created_at))))


def topic_photo_hidden(topic_id: int) -> bool:
    """Return True when the topic or event is hidden (its photo is not served)."""
    return bool(db.session.scalar(select(exists().where(
        HiddenItem.kind.in_(("topic", "event")), HiddenItem.item_id == topic_id))))


def video_hidden(video_id: int) -> bool:
    """Return True when the video is hidden (its files and poster are not served)."""
    return bool(db.session.scalar(select(exists().where(
        HiddenItem.kind == "video", HiddenItem.item_id == video_id,
        Video.id == video_id, HiddenItem.hidden_at >= Video.created_at))))
