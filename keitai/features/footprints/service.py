"""Leaving footprints: one row per visitor, moved to the top by each visit; 100 kept.

A visit is an upsert on (member, visitor), so the list has one line per visitor with the
time of their latest visit, and a reload adds nothing. After each visit the member's
footprints beyond the newest KEPT are deleted, so the table holds at most KEPT rows a member.
"""
from __future__ import annotations

from sqlalchemy import delete, select

from keitai import hot
from keitai.db import db
from keitai.models.base import utcnow
from keitai.models.footprint import Footprint
from keitai.models.profile import Profile
from keitai.upsert import dialect_insert

#: footprints kept per member (the list shows them all, a page at a time)
KEPT = 100


def leave_footprint(member_id: int, visitor_id: int) -> None:
    """Record that visitor looked at member's profile (own visits leave none).

    The caller has already refused visitors a block stands between.
    """
    if member_id == visitor_id:
        return
    now = utcnow()
    db.session.execute(
        dialect_insert(Footprint).values(member_id=member_id, visitor_id=visitor_id,
                                         visited_at=now)
        .on_conflict_do_update(index_elements=["member_id", "visitor_id"],
                               set_={"visited_at": now}))
    hot.news_changed(member_id)
    cutoff = (select(Footprint.visited_at).where(Footprint.member_id == member_id)
              .order_by(Footprint.visited_at.desc()).offset(KEPT - 1).limit(1)
              .scalar_subquery())
    db.session.execute(delete(Footprint).where(Footprint.member_id == member_id,
                                               Footprint.visited_at < cutoff))


def mark_seen(member_id: int) -> None:
    """Record that the member has looked at their footprints (the home page counts newer ones)."""
    now = utcnow()
    db.session.execute(
        dialect_insert(Profile).values(member_id=member_id, introduction="",
                                       introduction_visibility="everyone",
                                       footprints_seen_at=now, updated_at=now)
        .on_conflict_do_update(index_elements=["member_id"], set_={"footprints_seen_at": now}))
    hot.news_changed(member_id)
