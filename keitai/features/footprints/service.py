"""Leaving footprints: one row per visitor, moved to the top by each visit; 100 kept, 1000
for a premium member.

A visit is an upsert on (member, visitor), so the list has one line per visitor with the
time of their latest visit, and a reload adds nothing. After each visit the member's
footprints beyond the newest KEPT (PREMIUM_KEPT while the member is premium) are deleted, so
the table holds at most that many rows a member. When premium ends, the list shows the newest
KEPT at once (keitai.features.footprints.queries) and the next visit deletes the rest.
"""
from __future__ import annotations

from sqlalchemy import case, delete, exists

from keitai import hot
from keitai.db import db
from keitai.features.footprints.queries import KEPT, PREMIUM_KEPT, nth_newest
from keitai.models.base import utcnow
from keitai.models.footprint import Footprint
from keitai.models.member import Member
from keitai.models.profile import Profile
from keitai.premium import active_condition
from keitai.upsert import dialect_insert

__all__ = ["KEPT", "PREMIUM_KEPT", "leave_footprint", "mark_seen"]


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
    premium = exists().where(Member.id == member_id, active_condition(now))
    cutoff = case((premium, nth_newest(member_id, PREMIUM_KEPT)),
                  else_=nth_newest(member_id, KEPT))
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
