"""Invitations: issue one, open it from the mailed link, use it up exactly once."""
from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from keitai import tokens
from keitai.db import db
from keitai.domain import DomainError
from keitai.models.base import utcnow
from keitai.models.invitation import Invitation
from keitai.security import new_token, token_hash

USED = "この招待はすでに使われています。登録がお済みの方はログインしてください。"
EXPIRED = ("この招待の有効期限が切れています。"
           "招待してくれた人に、もう一度招待してもらってください。")


def issue(inviter_id: int | None, email: str, knows: bool | None) -> str:
    """Add an invitation to the unit of work and return the token for the mailed link."""
    token = new_token()
    seconds = current_app.config["INVITATION_SECONDS"]
    db.session.add(Invitation(
        inviter_id=inviter_id, email=email, knows_invitee=knows, token_hash=token_hash(token),
        created_at=utcnow(), expires_at=utcnow() + timedelta(seconds=seconds),
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
    if found.expires_at <= utcnow():
        raise DomainError(EXPIRED)
    return found


def use_up(invitation: Invitation, member_id: int) -> None:
    """Mark the invitation used by member_id, atomically (a double submit loses here)."""
    now = utcnow()
    result = db.session.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_at.is_(None),
               Invitation.expires_at > now)
        .values(used_at=now, member_id=member_id)
        .execution_options(synchronize_session=False))
    if getattr(result, "rowcount", 0) != 1:  # the refusal rolls the unit back
        raise DomainError(USED)
