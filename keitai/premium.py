"""Premium membership (プレミアム): a member is premium from one time until another.

Billing is not part of the site (carrier billing needs a contract with each carrier):
operators grant and revoke the months with `keitai premium grant|revoke`. What premium
unlocks asks here, never the columns directly.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, select

from keitai.db import db
from keitai.models.base import utcnow
from keitai.models.member import Member


def is_active(member: Member, now: datetime | None = None) -> bool:
    """Tell whether the member is premium now."""
    now = now or utcnow()
    return (member.premium_since is not None and member.premium_until is not None
            and member.premium_since <= now < member.premium_until)


def active_condition(now: datetime | None = None) -> ColumnElement[bool]:
    """Return a WHERE expression on Member: premium now (for lists that show the badge)."""
    now = now or utcnow()
    return and_(Member.premium_since.is_not(None), Member.premium_since <= now,
                Member.premium_until.is_not(None), Member.premium_until > now)


def is_premium(member_id: int, now: datetime | None = None) -> bool:
    """Tell whether the member with this id is premium now (False for no such member)."""
    found = db.session.scalar(
        select(Member.id).where(Member.id == member_id, active_condition(now)))
    return found is not None
