"""Bookmark writes: add (twice leaves one row: the primary key), remove."""
from __future__ import annotations

from sqlalchemy import delete

from keitai.db import db
from keitai.models.base import utcnow
from keitai.models.bookmark import Bookmark
from keitai.upsert import insert_ignore


def add(member_id: int, target_id: int) -> None:
    """Bookmark a member (the caller has refused members a block hides; oneself is skipped)."""
    if target_id != member_id:
        insert_ignore(Bookmark, {"member_id": member_id, "target_id": target_id,
                                 "created_at": utcnow()})


def remove(member_id: int, target_id: int) -> None:
    """Remove a bookmark (nothing happens when there is none)."""
    db.session.execute(delete(Bookmark).where(Bookmark.member_id == member_id,
                                              Bookmark.target_id == target_id))
