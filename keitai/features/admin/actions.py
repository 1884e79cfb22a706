"""What operators do from the console: each action and its audit row in one unit of work.

Every function takes the acting operator and a reason; the destructive ones refuse an empty
reason. The audit row is added in the same unit as the action, so both commit or neither.
"""
from __future__ import annotations

from sqlalchemy import func, select

from keitai.db import db
from keitai.domain import DomainError, NotFound, checked_text
from keitai.features.admin import factors
from keitai.models.member import Member
from keitai.moderation import audit

#: the longest suspension or ban the console offers, in days
MAX_DAYS = 3650


def reason_of(reason: str, *, required: bool) -> str:
    """Return the reason, checked: required for destructive actions, at most 1000 letters."""
    return checked_text("理由", reason.strip(), audit.REASON_MAX, required=required)


def member_of(member_id: int) -> Member:
    """Return a member, or raise NotFound."""
    member = db.session.get(Member, member_id)
    if member is None:
        raise NotFound()
    return member


def days_of(raw: str, *, allow_none: bool = False) -> int | None:
    """Return a number of days from a form (1..MAX_DAYS), or None for "until lifted"."""
    raw = raw.strip()
    if allow_none and raw in ("", "0"):
        return None
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_DAYS:
        raise DomainError(f"日数は1から{MAX_DAYS}までの数で入力してください。")
    return int(raw)


# the items members wrote

def hide_item(operator: Member, kind: str, item_id: int, reason: str) -> None:
    """Hide an item from everyone but the operators (reversible)."""
    from keitai.moderation import items

    why = reason_of(reason, required=True)
    items.hide(kind, item_id, operator.id)
    audit.record(operator.id, "item.hide", kind, item_id, why)


def unhide_item(operator: Member, kind: str, item_id: int, reason: str) -> None:
    """Show a hidden item again."""
    from keitai.moderation import items

    why = reason_of(reason, required=False)
    items.unhide(kind, item_id)
    audit.record(operator.id, "item.unhide", kind, item_id, why)


def delete_item(operator: Member, kind: str, item_id: int, reason: str) -> None:
    """Delete an item for good; its open reports are closed first."""
    from keitai.features.reports import service as reports
    from keitai.moderation import items

    why = reason_of(reason, required=True)
    item = items.load(kind, item_id)
    if item is None:
        raise NotFound()
    closed = reports.close(kind, item_id, operator.id)
    items.delete(kind, item_id)
    audit.record(operator.id, "item.delete", kind, item_id, why,
                 {"author_id": item.author_id, "title": item.title[:100],
                  "reports_closed": closed})


def close_reports(operator: Member, kind: str, item_id: int, reason: str) -> int:
    """Mark an item's open reports handled; return how many."""
    from keitai.features.reports import service as reports

    why = reason_of(reason, required=False)
    closed = reports.close(kind, item_id, operator.id)
    audit.record(operator.id, "reports.close", kind, item_id, why, {"closed": closed})
    return closed


# members

def warn(operator: Member, member_id: int, text: str, reason: str) -> None:
    """Tell a member the operator's warning on their home page."""
    from keitai.features.announcements import service as announcements

    member_of(member_id)
    told = checked_text("注意の文", text.strip(), 1000)
    why = reason_of(reason, required=False) or told[:200]
    announcements.tell(member_id, told, operator.id)
    audit.record(operator.id, "member.warn", "member", member_id, why, {"text": told})


def suspend(operator: Member, member_id: int, raw_days: str, reason: str) -> None:
    """Suspend a member for N days (they cannot log in and are told why and until when)."""
    from keitai.moderation import bans

    member_of(member_id)
    why = reason_of(reason, required=True)
    days = days_of(raw_days)
    assert days is not None
    bans.suspend(member_id, days, why)
    audit.record(operator.id, "member.suspend", "member", member_id, why, {"days": days})


def unsuspend(operator: Member, member_id: int, reason: str) -> None:
    """End a member's suspension now."""
    from keitai.moderation import bans

    member_of(member_id)
    why = reason_of(reason, required=False)
    bans.unsuspend(member_id)
    audit.record(operator.id, "member.unsuspend", "member", member_id, why)


def _operators_but(member_id: int) -> int:
    return int(db.session.scalar(select(func.count()).select_from(Member).where(
        Member.is_admin.is_(True), Member.id != member_id)) or 0)


def withdraw(operator: Member, member_id: int, reason: str) -> None:
    """Remove a member from the site, as their own withdrawal would (no password asked)."""
    from keitai.features.settings.service import remove_member

    member = member_of(member_id)
    why = reason_of(reason, required=True)
    if member.is_admin and _operators_but(member_id) == 0:
        raise DomainError("最後の運営者は退会させられません。")
    nickname = member.nickname
    remove_member(member)
    audit.record(operator.id, "member.withdraw", "member", member_id, why,
                 {"nickname": nickname})


def delete_everything(operator: Member, member_id: int, reason: str) -> int:
    """Delete everything a member wrote; return how many items went."""
    from keitai.moderation import items

    member_of(member_id)
    why = reason_of(reason, required=True)
    count = items.delete_everything_by(member_id)
    audit.record(operator.id, "member.delete_everything", "member", member_id, why,
                 {"deleted": count})
    return count


def ban(operator: Member, member_id: int, raw_days: str, reason: str) -> int:
    """Ban every handset and the mobile address the member used; return how many bans."""
    from keitai.moderation import bans

    member_of(member_id)
    why = reason_of(reason, required=True)
    days = days_of(raw_days, allow_none=True)
    made = bans.ban_member(member_id, days, why, operator.id)
    audit.record(operator.id, "member.ban", "member", member_id, why,
                 {"days": days, "bans": [found.id for found in made]})
    return len(made)


def lift_ban(operator: Member, ban_id: int, reason: str) -> None:
    """Lift one ban."""
    from keitai.moderation import bans

    why = reason_of(reason, required=False)
    bans.lift(ban_id, operator.id)
    audit.record(operator.id, "ban.lift", "ban", ban_id, why)


def set_celebrity(operator: Member, member_id: int, on: bool, reason: str) -> None:
    """Turn the celebrity flag on or off."""
    member = member_of(member_id)
    why = reason_of(reason, required=False)
    member.is_celebrity = on
    audit.record(operator.id, "member.celebrity_on" if on else "member.celebrity_off",
                 "member", member_id, why)


def set_operator(operator: Member, member_id: int, on: bool, reason: str) -> None:
    """Grant or revoke operator rights (the last operator cannot be revoked)."""
    member = member_of(member_id)
    why = reason_of(reason, required=not on)
    if on:
        factors.make_operator(member)
    else:
        if member.is_admin and _operators_but(member_id) == 0:
            raise DomainError("最後の運営者の権限は外せません。")
        factors.drop_operator(member)
    audit.record(operator.id, "operator.grant" if on else "operator.revoke", "member",
                 member_id, why)


# announcements

def publish(operator: Member, title: str, body: str, reason: str) -> int:
    """Publish an announcement to every member; return its id."""
    from keitai.features.announcements import service as announcements

    why = reason_of(reason, required=False)
    made = announcements.publish(title.strip(), body.strip(), operator.id)
    db.session.flush()
    audit.record(operator.id, "announcement.publish", "announcement", made.id, why,
                 {"title": title.strip()[:100]})
    return int(made.id)


def retract(operator: Member, announcement_id: int, reason: str) -> None:
    """Take an announcement back."""
    from keitai.features.announcements import service as announcements

    why = reason_of(reason, required=False)
    announcements.retract(announcement_id)
    audit.record(operator.id, "announcement.retract", "announcement", announcement_id, why)
