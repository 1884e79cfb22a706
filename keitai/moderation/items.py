"""Every kind of item a member writes, as operators see it: load, hide, show again, delete.

Hiding keeps the visible words of the item in `hidden_items` and puts a placeholder in their
place, in the item's own row: every page and list of the site then shows the placeholder
without a query of its own changing, and showing the item again puts the words back. A hidden
picture's image is not served (keitai.features.albums.picture_views asks
keitai.moderation.hidden.picture_hidden), nor the photo of a hidden topic or event, nor a
hidden video's files and poster (video_hidden). While an item is hidden its author may not
edit it (the features' edits call keitai.moderation.hidden.refuse_if_hidden: their edit
would undo the hiding); deleting it stays theirs to do. Deleting
goes through the features' own deletes, so counts, the search index and the hot caches stay
right. The kinds themselves are in keitai.moderation.kinds.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete as sql_delete

from keitai.db import db
from keitai.domain import NotFound
from keitai.models.base import utcnow
from keitai.models.report import HiddenItem
from keitai.moderation.everything import delete_everything_by
from keitai.moderation.hidden import (
    HIDDEN_TEXT,
    HIDDEN_TITLE,
    is_hidden,
    picture_hidden,
    placeholder,
    topic_photo_hidden,
)
from keitai.moderation.kinds import KINDS, REGISTRY, Kind

__all__ = ["HIDDEN_TEXT", "HIDDEN_TITLE", "KINDS", "Item", "ItemNotFound", "delete",
           "delete_everything_by", "hide", "is_hidden", "load", "picture_hidden",
           "topic_photo_hidden", "unhide", "visible_to"]


class ItemNotFound(NotFound):
    """No such item (it was deleted, or never was)."""

    default_message = "対象の投稿が見つかりません。"


@dataclass(frozen=True)
class Item:
    """One item a member wrote, as an operator reads it."""

    kind: str
    id: int
    author_id: int | None
    #: what the item is, in Japanese ("日記")
    label: str
    title: str
    text: str
    #: the path of the page that shows it in context, None when there is none
    url: str | None
    created_at: datetime | None
    hidden: bool


def _kind(kind: str) -> Kind:
    if kind not in REGISTRY:
        raise ValueError(f"no item kind {kind!r}")
    return REGISTRY[kind]


def _mark(kind: str, item_id: int, spec: Kind) -> HiddenItem | None:
    """Return the item's hidden mark; None when there is none, or when it is older than the
    item (a deleted item's, whose id SQLite gave to a new one)."""
    hidden_row = db.session.get(HiddenItem, (kind, item_id))
    if hidden_row is None:
        return None
    about = spec.about(item_id)
    if about is not None and about.created_at is not None \
            and hidden_row.hidden_at < about.created_at:
        return None
    return hidden_row


def _forget_mark(kind: str, item_id: int) -> None:
    db.session.execute(sql_delete(HiddenItem).where(
        HiddenItem.kind == kind, HiddenItem.item_id == item_id))


def load(kind: str, item_id: int) -> Item | None:
    """Return the item with its author, words and page (what its author wrote, also when
    hidden), or None when there is none."""
    spec = _kind(kind)
    parts = spec.parts(item_id)
    about = spec.about(item_id) if parts is not None else None
    if parts is None or about is None:
        return None
    values = {key: str(getattr(row, attr)) for key, (row, attr) in parts.items()}
    hidden_row = _mark(kind, item_id, spec)
    if hidden_row is not None:
        values.update(json.loads(hidden_row.original))
    title, text = spec.words(values, about.context)
    return Item(kind=kind, id=item_id, author_id=about.author_id, label=spec.label,
                title=title, text=text, url=about.url, created_at=about.created_at,
                hidden=hidden_row is not None)


def visible_to(kind: str, item_id: int, viewer_id: int) -> bool:
    """Return True when the viewer may see the item on the site (privacy and blocks)."""
    return _kind(kind).visible(item_id, viewer_id)


def hide(kind: str, item_id: int, operator_id: int) -> None:
    """Put a placeholder in place of the item's words for everyone, keeping them to restore."""
    spec = _kind(kind)
    parts = spec.parts(item_id)
    if parts is None:
        raise ItemNotFound()
    if _mark(kind, item_id, spec) is not None:
        return
    _forget_mark(kind, item_id)
    original = {key: getattr(row, attr) for key, (row, attr) in parts.items()}
    db.session.add(HiddenItem(kind=kind, item_id=item_id, hidden_by=operator_id,
                              hidden_at=utcnow(),
                              original=json.dumps(original, ensure_ascii=False)))
    for key, (row, attr) in parts.items():
        setattr(row, attr, placeholder(key))
    db.session.flush()
    spec.changed(item_id)


def unhide(kind: str, item_id: int) -> None:
    """Give a hidden item its words back (a field its author rewrote since keeps theirs)."""
    spec = _kind(kind)
    hidden_row = _mark(kind, item_id, spec)
    if hidden_row is None:
        _forget_mark(kind, item_id)
        return
    original = json.loads(hidden_row.original)
    for key, (row, attr) in (spec.parts(item_id) or {}).items():
        if key in original and getattr(row, attr) == placeholder(key):
            setattr(row, attr, original[key])
    db.session.delete(hidden_row)
    db.session.flush()
    spec.changed(item_id)


def delete(kind: str, item_id: int) -> None:
    """Delete the item for good, through its feature's own delete."""
    spec = _kind(kind)
    if spec.parts(item_id) is None or not spec.remove(item_id):
        raise ItemNotFound()
    _forget_mark(kind, item_id)
