"""Footprint reads: my visitors, newest first; the count of new ones."""
from __future__ import annotations

from sqlalchemy import func, select

from keitai.db import db
from keitai.models.footprint import Footprint
from keitai.models.member import Member
from keitai.models.profile import Profile
from keitai.privacy import not_blocked
from keitai.rows import AnySelect


def visitors(member_id: int) -> AnySelect:
    """Return my visitors (id, nickname, visited_at), newest first, none a block hides."""
    return (select(Member.id, Member.nickname, Footprint.visited_at)
            .join(Footprint, Footprint.visitor_id == Member.id)
            .where(Footprint.member_id == member_id, not_blocked(Member.id, member_id))
            .order_by(Footprint.visited_at.desc(), Member.id.desc()))


def new_footprint_count(member_id: int) -> int:
    """Return how many visits came since I last looked at my footprints."""
    seen = (select(Profile.footprints_seen_at).where(Profile.member_id == member_id)
            .scalar_subquery())
    return int(db.session.scalar(
        select(func.count()).select_from(Footprint)
        .where(Footprint.member_id == member_id,
               (seen.is_(None)) | (Footprint.visited_at > seen),
               not_blocked(Footprint.visitor_id, member_id))) or 0)
