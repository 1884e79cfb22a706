"""Members as the other features need them: find by address, create, keep addresses unique.

A member has a login address and a mobile (carrier) address. When the login address is a
carrier address it is also the mobile address, so one unique constraint per column keeps
every address, in either column, to one member.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from keitai.addresses import is_mobile_email, normalize_email
from keitai.db import db
from keitai.domain import DomainError
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.search.indexing import changed

TAKEN = "このメールアドレスはすでに登録されています。登録がお済みの方はログインしてください。"


def find_by_address(address: str) -> Member | None:
    """Return the member whose login or mobile address this is."""
    address = normalize_email(address)
    return db.session.scalars(select(Member).where(
        or_(Member.email == address, Member.mobile_email == address))).first()


def record_login(member: Member) -> None:
    """Note when the member last logged in."""
    member.last_login_at = utcnow()


def address_taken(address: str) -> bool:
    """Return True when a member already uses address (to log in, or as their mobile)."""
    return find_by_address(address) is not None


def create_member(*, email: str, nickname: str, password_hash: str, real_name: str = "",
                  birth_date: date | None = None, mobile_email: str | None = None,
                  terms_accepted_at: datetime | None = None) -> Member:
    """Add a member to the unit of work and flush; raise DomainError if an address is taken."""
    email = normalize_email(email)
    if is_mobile_email(email):
        mobile_email = email
    member = Member(
        email=email, mobile_email=normalize_email(mobile_email) if mobile_email else None,
        nickname=nickname, real_name=real_name, birth_date=birth_date,
        password_hash=password_hash, terms_accepted_at=terms_accepted_at, created_at=utcnow(),
        is_admin=False, is_celebrity=False,
    )
    db.session.add(member)
    try:
        db.session.flush()
    except IntegrityError:  # the refusal (or the command's unit of work) rolls back
        raise DomainError(TAKEN) from None
    changed("members", member.id)  # found by their nickname once the worker indexed them
    return member
