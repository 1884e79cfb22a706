"""Footprint reads: my visitors, newest first; the count of new ones."""
from __future__ import annotations

from typing import Any

from sqlalchemy import func, literal, select

from keitai.db import db
from keitai.models.footprint import Footprint
from keitai.models.member import Member
from keitai.models.profile import Profile
from keitai.privacy import not_blocked
from keitai.rows import AnySelect

#: footprints kept and shown per member (the list shows them all, a page at a time)
KEPT = 100
#: kept and shown while the member is premium (keitai.premium)
PREMIUM_KEPT = 1000


def nth_newest(member_id: int, n: int) -> Any:
    """Return the time of the member's n-th newest footprint (NULL with fewer), a subquery."""
    return (select(Footprint.visited_at).where(Footprint.member_id == member_id)
            .order_by(Footprint.visited_at.desc()).offset(n - 1).limit(1)
            .scalar_subquery())


def visitors(member_id: int, kept: int = KEPT) -> AnySelect:
    """Return my newest `kept` visitors (id, nickname, visited_at), newest first, none a block
    hides (what is left of a longer premium list counts among the kept)."""
    cutoff = nth_newest(member_id, kept)
    return (select(Member.id, Member.nickname, Footprint.visited_at)
            .join(Footprint, Footprint.visitor_id == Member.id)
            .where(Footprint.member_id == member_id, not_blocked(Member.id, member_id),
                   cutoff.is_(None) | (Footprint.visited_at >= cutoff))
            .order_by(Footprint.visited_at.desc(), Member.id.desc()))


def new_footprint_count_expr(member: Any) -> Any:
    """Return how many visits came since the member last looked at them, as a subquery."""
    seen = (select(Profile.footprints_seen_at).where(Profile.member_id == member)
            .scalar_subquery())
    return (select(func.count()).select_from(Footprint)
            .where(Footprint.member_id == member,
                   (seen.is_(None)) | (Footprint.visited_at > seen),
                   not_blocked(Footprint.visitor_id, member)).scalar_subquery())


def new_footprint_count(member_id: int) -> int:
    """Return how many visits came since I last looked at my footprints."""
    return int(db.session.scalar(select(new_footprint_count_expr(literal(member_id)))) or 0)
