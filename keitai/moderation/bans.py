"""Suspensions of members, and bans of handsets and mobile addresses.

A suspension stops one account for some days: its sessions end at once, and a login is
refused with a page that gives the operator's reason and the end of the suspension.

A ban stops a handset or a mobile address from coming back under any account: it holds the
keyed hash of a terminal id (the same hash easy login stores, keitai.security) or of a mobile
address, never the id or the address itself. A banned handset cannot sign up, log in with a
password or by easy login; a banned address cannot be invited, sign up or become a member's
address. The handset is told one neutral sentence, the same whatever the cause: never that it
is banned, nor why. Terminal ids count only when they came through the carrier's gateway; ids
from anywhere else prove nothing and are treated as no id. A ban that runs out stops applying
by itself; a lifted one at once.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select

from carriers import Handset
from keitai import hot
from keitai.addresses import normalize_email
from keitai.db import db
from keitai.domain import DomainError
from keitai.models.ban import Ban, MemberTerminal
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.models.registered_handset import RegisteredHandset
from keitai.security import keyed_hash, terminal_id_hash
from keitai.session_store import session_store
from keitai.timefmt import JST
from keitai.upsert import dialect_insert

log = logging.getLogger(__name__)

TERMINAL, MOBILE_ADDRESS = "terminal", "mobile_address"
#: what a ban may hold the keyed hash of
KINDS = (TERMINAL, MOBILE_ADDRESS)
#: what a banned handset or address is told, whatever the cause: no word of a ban or a reason
REFUSED = "申し訳ありませんが、ご利用いただけません。"
#: the longest reason an operator may give (a suspended member reads it on a 5 KB handset)
REASON_MAX = 200


class Refused(DomainError):
    """A banned handset or address: the neutral refusal."""

    def __init__(self) -> None:
        super().__init__(REFUSED)


class Suspended(DomainError):
    """A login of a suspended member: the page says why and until when."""

    def __init__(self, member: Member) -> None:
        assert member.suspended_until is not None
        self.nickname = member.nickname
        self.reason = member.suspension_reason or ""
        self.until = until_text(member.suspended_until)
        super().__init__(f"このアカウントは{self.until}ご利用を停止しています。")


def until_text(value: datetime) -> str:
    """Return the end of a period as a handset user reads it: '2026年12月10日 15:00まで' (JST)."""
    local = value.astimezone(JST)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}まで"


# --- what a request and an address are known by ---------------------------------------------

def gateway_ids(handset: Handset) -> list[tuple[str, str]]:
    """Return (kind, keyed hash) of each terminal id the carrier's gateway vouches for.

    Ids from outside the gateway (Wi-Fi, a PC sending the header) are no ids at all.
    """
    if not handset.from_gateway or handset.crawler:
        return []
    return [(kind, terminal_id_hash(handset.carrier, kind, value))
            for kind, value in handset.terminal_ids.items()]


def address_hash(address: str) -> str:
    """Return how a banned mobile address is kept: a keyed hash of it, lower case."""
    return keyed_hash("mobile-address", normalize_email(address))


def _banned(hashes: list[str], now: datetime | None = None) -> bool:
    if not hashes:
        return False
    now = now or utcnow()
    return db.session.scalar(select(Ban.id).where(
        Ban.id_hash.in_(hashes), Ban.lifted_at.is_(None),
        or_(Ban.expires_at.is_(None), Ban.expires_at > now)).limit(1)) is not None


def handset_banned(handset: Handset) -> bool:
    """Tell whether any terminal id this handset sent through its gateway is banned."""
    return _banned([digest for _kind, digest in gateway_ids(handset)])


def address_banned(*addresses: str | None) -> bool:
    """Tell whether any of these mail addresses is banned."""
    return _banned([address_hash(address) for address in addresses if address])


def refuse_handset(handset: Handset) -> None:
    """Raise the neutral refusal when the handset is banned."""
    if handset_banned(handset):
        log.info("a banned %s handset was refused", handset.carrier)
        raise Refused()


def refuse_address(*addresses: str | None) -> None:
    """Raise the neutral refusal when one of the addresses is banned."""
    if address_banned(*addresses):
        log.info("a banned mail address was refused")
        raise Refused()


def record_terminals(member_id: int, handset: Handset) -> None:
    """Note the terminal ids the member's handset sent through its gateway (an upsert each)."""
    ids = gateway_ids(handset)
    if not ids:
        return
    now = utcnow()
    statement = dialect_insert(MemberTerminal).values([
        {"member_id": member_id, "id_hash": digest, "carrier": handset.carrier,
         "id_kind": kind, "first_seen_at": now, "last_seen_at": now} for kind, digest in ids])
    db.session.execute(statement.on_conflict_do_update(
        index_elements=["member_id", "id_hash"],
        set_={"last_seen_at": statement.excluded.last_seen_at}))


# --- suspensions ----------------------------------------------------------------------------

def _member(member_id: int) -> Member:
    member = db.session.get(Member, member_id)
    if member is None:
        raise DomainError("その会員はいません。")
    return member


def _reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise DomainError("理由を書いてください。")
    if len(reason) > REASON_MAX:
        raise DomainError(f"理由は{REASON_MAX}文字までです。")
    return reason


def suspend(member_id: int, days: int, reason: str) -> None:
    """Suspend the member for days from now, with the reason they will read; end their
    sessions."""
    if days < 1:
        raise DomainError("停止する日数は1日以上にしてください。")
    member = _member(member_id)
    member.suspension_reason = _reason(reason)
    member.suspended_until = utcnow() + timedelta(days=days)
    session_store().end_member(member_id)
    hot.card_changed(member_id)  # home's card holds the suspension too
    log.info("member %s suspended for %s days", member_id, days)


def unsuspend(member_id: int) -> None:
    """End the member's suspension now."""
    member = _member(member_id)
    member.suspended_until = None
    member.suspension_reason = None
    hot.card_changed(member_id)
    log.info("member %s no longer suspended", member_id)


def refuse_suspended(member: Member) -> None:
    """Raise Suspended when an operator's suspension of the member holds now."""
    if member.suspended():
        log.info("login of suspended member %s refused", member.id)
        raise Suspended(member)


# --- bans -----------------------------------------------------------------------------------

def ban_member(member_id: int, days: int | None, reason: str,
               operator_id: int) -> list[Ban]:
    """Ban every terminal id the member's handsets sent (at logins, sign-up, easy-login
    registration) and their mobile address; end their sessions. days None: until lifted."""
    if days is not None and days < 1:
        raise DomainError("禁止する日数は1日以上にしてください。")
    member = _member(member_id)
    reason = _reason(reason)
    terminals = {row.id_hash: row.carrier for row in db.session.scalars(
        select(MemberTerminal).where(MemberTerminal.member_id == member_id))}
    for row in db.session.scalars(
            select(RegisteredHandset).where(RegisteredHandset.member_id == member_id)):
        terminals.setdefault(row.id_hash, row.carrier)
    now = utcnow()
    expires = now + timedelta(days=days) if days is not None else None
    made = [Ban(kind=TERMINAL, id_hash=digest, carrier=carrier, member_id=member_id,
                reason=reason, created_by=operator_id, created_at=now, expires_at=expires)
            for digest, carrier in sorted(terminals.items())]
    if member.mobile_email:
        made.append(Ban(kind=MOBILE_ADDRESS, id_hash=address_hash(member.mobile_email),
                        member_id=member_id, reason=reason, created_by=operator_id,
                        created_at=now, expires_at=expires))
    db.session.add_all(made)
    db.session.flush()
    session_store().end_member(member_id)
    log.info("member %s banned: %s handset ids, %s address", member_id, len(terminals),
             1 if member.mobile_email else 0)
    return made


def lift(ban_id: int, operator_id: int) -> None:
    """Lift a ban now (a lifted or run-out ban stays on record)."""
    ban = db.session.get(Ban, ban_id)
    if ban is None:
        raise DomainError("その禁止はありません。")
    if ban.lifted_at is None:
        ban.lifted_at, ban.lifted_by = utcnow(), operator_id
        log.info("ban %s lifted", ban_id)


def bans(active_only: bool = True, limit: int = 50, offset: int = 0) -> list[Ban]:
    """Return bans, newest first: only those that apply now, or all of them."""
    statement = select(Ban).order_by(Ban.id.desc()).limit(limit).offset(offset)
    if active_only:
        statement = statement.where(Ban.lifted_at.is_(None),
                                    or_(Ban.expires_at.is_(None), Ban.expires_at > utcnow()))
    return list(db.session.scalars(statement))


def suspension_to_json(until: datetime | None) -> str | None:
    """Return the end of a suspension as a cache keeps it (home's card)."""
    return until.isoformat() if until else None


def suspended_in_json(values: Sequence[Any], now: datetime | None = None) -> bool:
    """Tell whether a suspension kept by suspension_to_json (first of values) holds now."""
    if not values or not isinstance(values[0], str):
        return False
    return datetime.fromisoformat(values[0]) > (now or utcnow())
