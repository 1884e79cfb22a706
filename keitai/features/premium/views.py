"""The premium page: what premium unlocks, its price, the member's own period."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import render_template

from keitai import premium
from keitai.auth import current_member
from keitai.features.albums.quota import FREE, MB, PREMIUM
from keitai.features.footprints.service import KEPT, PREMIUM_KEPT
from keitai.features.premium import bp
from keitai.models.base import utcnow
from keitai.timefmt import jst_time

#: the price, yen a month with tax, as mixi charged (shown for reference: nothing is billed here)
PRICE_YEN = 315


@dataclass(frozen=True)
class Status:
    """The logged-in member's premium period, as the page tells it."""

    #: premium now
    active: bool
    #: the end of the current or last period, Japan time ("2027/01/07 10:30"), or ""
    until: str


def size_text(size_bytes: int) -> str:
    """Return a size as a handset user reads it: "30MB", "1GB"."""
    megabytes = size_bytes // MB
    return f"{megabytes // 1024}GB" if megabytes % 1024 == 0 else f"{megabytes}MB"


def status_of(since: datetime | None, until: datetime | None) -> Status | None:
    """Return what the page tells a member of their period (None: never premium)."""
    if until is None:
        return None
    active = premium.active_between(since, until, utcnow())
    return Status(active, jst_time(until, with_year=True))


@bp.get("/premium")
def page() -> str:
    """Explain premium membership; tell a logged-in member whether they are premium."""
    member = current_member()
    return render_template(
        "premium.html", member=member,
        status=status_of(member.premium_since, member.premium_until) if member else None,
        free=FREE, paid=PREMIUM, free_size=size_text(FREE.bytes),
        paid_size=size_text(PREMIUM.bytes), kept=KEPT, premium_kept=PREMIUM_KEPT,
        price=PRICE_YEN)
