"""Single-use, expiring links sent by mail: issue one, open it, use it up exactly once."""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import ColumnElement, update

from keitai.db import db
from keitai.domain import DomainError
from keitai.models.base import utcnow
from keitai.models.mail_token import MailToken
from keitai.security import new_token, token_hash

UNKNOWN = ("このURLは正しくありません。メールに書かれたURLを、"
           "途中で切れないように最後まで開いてください。")
USED = "このURLはすでに使われています。"
EXPIRED = "このURLの有効期限が切れています。お手数ですが、最初からやり直してください。"


def issue(purpose: str, email: str, seconds: int, *, member_id: int | None = None,
          invitation_id: int | None = None, payload: dict[str, Any] | None = None) -> str:
    """Add a token row to the unit of work and return the token for the link."""
    token = new_token()
    db.session.add(MailToken(
        token_hash=token_hash(token), purpose=purpose, email=email, member_id=member_id,
        invitation_id=invitation_id, payload=payload or {}, created_at=utcnow(),
        expires_at=utcnow() + timedelta(seconds=seconds),
    ))
    return token


def open_token(token: str, purpose: str) -> MailToken:
    """Return the unused, unexpired token row, or raise DomainError saying what is wrong."""
    row = db.session.get(MailToken, token_hash(token)) if token and len(token) < 100 else None
    if row is None or row.purpose != purpose:
        raise DomainError(UNKNOWN)
    if row.used_at is not None:
        raise DomainError(USED)
    if row.expires_at <= utcnow():
        raise DomainError(EXPIRED)
    return row


def use_up(row: MailToken) -> None:
    """Mark the token used, atomically: of two requests racing, only one gets through."""
    now = utcnow()
    result = db.session.execute(
        update(MailToken)
        .where(MailToken.token_hash == row.token_hash, MailToken.used_at.is_(None),
               MailToken.expires_at > now)
        .values(used_at=now)
        .execution_options(synchronize_session=False))
    if getattr(result, "rowcount", 0) != 1:  # the refusal rolls the unit back
        raise DomainError(USED)


def void(member_id: int, purpose: str) -> None:
    """Use up every open token of a member for one purpose (a newer step replaced them)."""
    _void(MailToken.member_id == member_id, purpose)


def void_invitation(invitation_id: int, purpose: str) -> None:
    """Use up every open token of an invitation for one purpose (a newer one replaces them)."""
    _void(MailToken.invitation_id == invitation_id, purpose)


def _void(owner: ColumnElement[bool], purpose: str) -> None:
    db.session.execute(
        update(MailToken)
        .where(owner, MailToken.purpose == purpose, MailToken.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False))
