"""Invitations: issue one, open it from the mailed link, use it up exactly once; renew or
cancel it, and tell what became of it."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import Select, select, update

from keitai import tokens
from keitai.db import db
from keitai.domain import DomainError
from keitai.models.base import utcnow
from keitai.models.invitation import Invitation
from keitai.models.member import Member
from keitai.security import new_token, token_hash

USED = "この招待はすでに使われています。登録がお済みの方はログインしてください。"
EXPIRED = ("この招待の有効期限が切れています。"
           "招待してくれた人に、もう一度招待してもらってください。")
CANCELLED = "この招待は取り消されました。"
#: the states an inviter sees on /invite: (code, label)
PENDING, JOINED, EXPIRED_STATE, CANCELLED_STATE = "pending", "joined", "expired", "cancelled"
STATE_LABELS = {PENDING: "未登録", JOINED: "登録済み", EXPIRED_STATE: "期限切れ",
                CANCELLED_STATE: "取消済み"}


def _expiry() -> timedelta:
    return timedelta(seconds=current_app.config["INVITATION_SECONDS"])


def issue(inviter_id: int | None, email: str, knows: bool | None) -> str:
    """Add an invitation to the unit of work and return the token for the mailed link."""
    token = new_token()
    db.session.add(Invitation(
        inviter_id=inviter_id, email=email, knows_invitee=knows, token_hash=token_hash(token),
        created_at=utcnow(), expires_at=utcnow() + _expiry(),
    ))
    return token


def open_invitation(token: str) -> Invitation:
    """Return the usable invitation a link names, or raise DomainError saying why not."""
    found = None
    if token and len(token) < 100:
        found = db.session.scalars(select(Invitation).where(
            Invitation.token_hash == token_hash(token))).first()
    if found is None:
        raise DomainError(tokens.UNKNOWN)
    return open_invitation_row(found)


def open_invitation_row(found: Invitation) -> Invitation:
    """Return the invitation if it is still usable, or raise DomainError saying why not."""
    if found.used_at is not None:
        raise DomainError(USED)
    if found.cancelled_at is not None:
        raise DomainError(CANCELLED)
    if found.expires_at <= utcnow():
        raise DomainError(EXPIRED)
    return found


def use_up(invitation: Invitation, member_id: int) -> None:
    """Mark the invitation used by member_id, atomically (a double submit loses here)."""
    now = utcnow()
    result = db.session.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_at.is_(None),
               Invitation.cancelled_at.is_(None), Invitation.expires_at > now)
        .values(used_at=now, member_id=member_id)
        .execution_options(synchronize_session=False))
    if getattr(result, "rowcount", 0) != 1:  # the refusal rolls the unit back
        raise DomainError(USED)


def state(invitation: Invitation) -> str:
    """Return what became of an invitation: PENDING, JOINED, EXPIRED_STATE or CANCELLED_STATE."""
    if invitation.used_at is not None:
        return JOINED
    if invitation.cancelled_at is not None:
        return CANCELLED_STATE
    if invitation.expires_at <= utcnow():
        return EXPIRED_STATE
    return PENDING


def of_inviter(invitation_id: int, inviter_id: int) -> Invitation | None:
    """Return the invitation when inviter_id sent it (cancelled or not), else None."""
    return db.session.scalar(select(Invitation).where(
        Invitation.id == invitation_id, Invitation.inviter_id == inviter_id))


def renew(invitation: Invitation) -> str | None:
    """Give an unused invitation a new token and expiry; return the new token, or None when
    it was used or cancelled meanwhile.

    The old link dies with its hash; a mobile address being checked from it is voided too.
    """
    token = new_token()
    now = utcnow()
    result = db.session.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_at.is_(None),
               Invitation.cancelled_at.is_(None))
        .values(token_hash=token_hash(token), expires_at=now + _expiry(), last_sent_at=now,
                sent_count=Invitation.sent_count + 1)
        .execution_options(synchronize_session=False))
    if getattr(result, "rowcount", 0) != 1:
        return None
    db.session.expire(invitation)
    tokens.void_invitation(invitation.id, "signup")
    return token


def cancel(invitation_id: int, inviter_id: int) -> bool:
    """Cancel the inviter's unused invitation: its link dies at once; return False when there
    was nothing to cancel (already cancelled, used, or not theirs)."""
    result = db.session.execute(
        update(Invitation)
        .where(Invitation.id == invitation_id, Invitation.inviter_id == inviter_id,
               Invitation.used_at.is_(None), Invitation.cancelled_at.is_(None))
        .values(cancelled_at=utcnow())
        .execution_options(synchronize_session=False))
    if getattr(result, "rowcount", 0) != 1:
        return False
    tokens.void_invitation(invitation_id, "signup")
    return True


def listed_by(member_id: int) -> Select[Invitation, str]:
    """Select the member's invitations but the cancelled ones, newest first, with the
    nickname of whoever joined with each, None when nobody did (for /invite, a page at a
    time)."""
    return (select(Invitation, Member.nickname)
            .outerjoin(Member, Member.id == Invitation.member_id)
            .where(Invitation.inviter_id == member_id, Invitation.cancelled_at.is_(None))
            .order_by(Invitation.created_at.desc(), Invitation.id.desc()))


def sent_by(member_id: int) -> list[Invitation]:
    """Return every invitation the member sent, cancelled ones too, newest first."""
    return list(db.session.scalars(select(Invitation).where(Invitation.inviter_id == member_id)
                                   .order_by(Invitation.created_at.desc(),
                                             Invitation.id.desc())))


def joined_with(member_id: int) -> Invitation | None:
    """Return the invitation the member signed up with, None when none is known."""
    return db.session.scalars(select(Invitation).where(Invitation.member_id == member_id)
                              .order_by(Invitation.id.desc())).first()
