"""Premium membership (プレミアム): a member is premium from one time until another.

Billing is not part of the site (carrier billing needs a contract with each carrier):
operators grant and revoke the months with `keitai premium grant|revoke`. What premium
unlocks asks here, never the columns directly.

A grant adds calendar months, counted in Japan time (one month from 1/31 is the last day of
February): to the end of the current period while the member is premium, else from now.
A revoke ends the period now; the start is kept, so the period says when it ran.
"""
from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, select

from keitai import hot
from keitai.db import db
from keitai.domain import DomainError
from keitai.members import find_by_address
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.timefmt import JST

#: the most months one grant adds (ten years): a typo of 1200 is refused, not granted
MONTHS_MAX = 120


def is_active(member: Member, now: datetime | None = None) -> bool:
    """Tell whether the member is premium now."""
    return active_between(member.premium_since, member.premium_until, now)


def active_between(since: datetime | None, until: datetime | None,
                   now: datetime | None = None) -> bool:
    """Tell whether a period from since until until holds now (open ends hold nothing)."""
    now = now or utcnow()
    return since is not None and until is not None and since <= now < until


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


def add_months(value: datetime, months: int) -> datetime:
    """Return value plus calendar months in Japan time, the day kept or the month's last."""
    local = value.astimezone(JST)
    index = local.month - 1 + months
    year, month = local.year + index // 12, index % 12 + 1
    day = min(local.day, calendar.monthrange(year, month)[1])
    return local.replace(year=year, month=month, day=day).astimezone(UTC)


def grant(member: Member, months: int, now: datetime | None = None) -> tuple[datetime, datetime]:
    """Make the member premium for months more; return the period (since, until).

    While the member is premium the months are added to the end of the period; otherwise a
    new period starts now.
    """
    if not 1 <= months <= MONTHS_MAX:
        raise DomainError(f"月数は1から{MONTHS_MAX}までで指定してください。")
    now = now or utcnow()
    if is_active(member, now):
        assert member.premium_since is not None and member.premium_until is not None
        member.premium_until = add_months(member.premium_until, months)
    else:
        member.premium_since, member.premium_until = now, add_months(now, months)
    hot.card_changed(member.id)  # home shows the badge
    return member.premium_since, member.premium_until


def revoke(member: Member, now: datetime | None = None) -> bool:
    """End the member's premium period now; return False when the member was not premium."""
    now = now or utcnow()
    if not is_active(member, now):
        return False
    member.premium_until = now
    hot.card_changed(member.id)
    return True


def member_by_email(email: str) -> Member | None:
    """Return the member whose login or mobile address this is (for the operator's commands)."""
    return find_by_address(email)


def period_to_json(since: datetime | None, until: datetime | None) -> list[str | None]:
    """Return a period as JSON values (for what a cache keeps, such as home's card)."""
    return [value.isoformat() if value else None for value in (since, until)]


def active_in_json(period: Sequence[Any], now: datetime | None = None) -> bool:
    """Tell whether a period kept by period_to_json holds now (False for anything else)."""
    if len(period) != 2 or not all(isinstance(value, str) for value in period):
        return False
    since, until = (datetime.fromisoformat(value) for value in period)
    return active_between(since, until, now)
