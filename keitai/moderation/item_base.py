"""What every kind of item is made of (keitai.moderation.kinds): where its words are, who
wrote it, who may see it, what changes when its words do, and its feature's delete."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import current_app
from sqlalchemy import exists, select
from werkzeug.exceptions import HTTPException

from keitai.db import db
from keitai.domain import DomainError
from keitai.models.member import Member
from keitai.privacy import not_blocked

#: key -> (row, attribute) of each visible field of an item
Parts = dict[str, tuple[Any, str]]


@dataclass(frozen=True)
class About:
    """What an item is besides its words."""

    author_id: int | None
    url: str | None
    created_at: datetime | None
    #: what the item belongs to, for its title ("日記「…」")
    context: str = ""


@dataclass(frozen=True)
class Kind:
    """One kind of item."""

    label: str
    #: the fields an operator hides, None when there is no such item
    parts: Callable[[int], Parts | None]
    #: (title, text) from the fields' values and the context
    words: Callable[[dict[str, str], str], tuple[str, str]]
    about: Callable[[int], About | None]
    #: whether a member may see it on the site
    visible: Callable[[int, int], bool]
    #: keep the search index and the caches in step with its words
    changed: Callable[[int], None]
    #: delete it through its feature; False when there was none
    remove: Callable[[int], bool]


def path(endpoint: str, **values: Any) -> str:
    """Return the path of a page (also outside a request: a command, a job)."""
    adapter = current_app.url_map.bind("localhost")
    return str(adapter.build(endpoint, values))


def shows(check: Callable[[], object]) -> bool:
    """Return True unless the feature's own check refuses (not found, not allowed)."""
    try:
        check()
    except (DomainError, HTTPException):
        return False
    return True


def nothing(_item_id: int) -> None:
    """Nothing outside the row shows these words."""


def author_sees(viewer_id: int, author_id: int | None) -> bool:
    """Return True when no block stands between the viewer and the author."""
    if author_id is None:
        return True
    return bool(db.session.scalar(select(exists().where(
        Member.id == author_id, not_blocked(Member.id, viewer_id)))))


def fields(row: Any, *attrs: str) -> Parts | None:
    return None if row is None else {attr: (row, attr) for attr in attrs}


def titled(values: dict[str, str], _context: str) -> tuple[str, str]:
    """A title and a body."""
    title = values.get("title", values.get("subject", values.get("name", "")))
    text = values.get("body", values.get("description", ""))
    if "place" in values:
        text = f"場所: {values['place']}\n{text}"
    return title, text


def commented(values: dict[str, str], context: str) -> tuple[str, str]:
    """A comment: titled by what it is on."""
    return context, values.get("body", "")


def row_fields(model: Any, *attrs: str) -> Callable[[int], Parts | None]:
    return lambda item_id: fields(db.session.get(model, item_id), *attrs)
