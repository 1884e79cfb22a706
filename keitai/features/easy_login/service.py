"""Easy login and handset registration: every rule must hold, or the member is told why.

A terminal id proves nothing unless the request came through its carrier's gateway, so all of
these are required: the address inside that carrier's published ranges (from_gateway), a
User-Agent of the same carrier (detect() reads only that carrier's id header), an id, and a
registration made while the member was logged in with their password. The Host check is the
view's (keitai.auth.require_own_host).
"""
from __future__ import annotations

import logging

from sqlalchemy import and_, delete
from sqlalchemy.exc import IntegrityError

from carriers import EasyLoginCarrier, Handset, easy_login_rules
from carriers.easy_login import NETWORKS
from keitai.db import db
from keitai.domain import Conflict, DomainError
from keitai.features.easy_login import queries
from keitai.features.login.service import confirm_password
from keitai.members import record_login
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.models.registered_handset import RegisteredHandset
from keitai.moderation import bans
from keitai.security import terminal_id_hash

log = logging.getLogger(__name__)

NOT_REGISTERED = ("この端末はかんたんログインに登録されていません。メールアドレスと"
                  "パスワードでログインしてから、設定の「かんたんログイン」で登録してください。")


class EasyLoginRefused(DomainError):
    """Easy login or registration is not possible from this request."""


def usable_rules(handset: Handset) -> EasyLoginCarrier:
    """Return the carrier's rules when this request may use easy login, else raise."""
    rules = easy_login_rules(handset)
    if rules is None:
        raise EasyLoginRefused(f"かんたんログインは携帯電話({NETWORKS})のブラウザから使えます。"
                               "メールアドレスとパスワードでログインしてください。")
    if not handset.from_gateway:
        raise EasyLoginRefused(f"かんたんログインは{rules.network}の接続からだけ使えます。"
                               "Wi-Fiやパソコンからは、メールアドレスとパスワードで"
                               "ログインしてください。")
    return rules


def id_hashes(handset: Handset) -> list[tuple[str, str]]:
    """Return (kind, keyed hash) of each id the request carries, or raise saying how to send one."""
    rules = usable_rules(handset)
    ids = rules.terminal_ids(handset)
    if not ids:
        raise EasyLoginRefused(rules.how_to_send)
    return [(kind, terminal_id_hash(handset.carrier, kind, value)) for kind, value in ids]


def easy_login(handset: Handset) -> Member:
    """Return the member this handset is registered to (the caller logs the session in), or
    raise EasyLoginRefused (bans.Refused for a banned handset, bans.Suspended for a
    suspended member)."""
    hashes = [digest for _kind, digest in id_hashes(handset)]
    bans.refuse_handset(handset)
    found = list(db.session.scalars(queries.registration_for(handset.carrier, hashes)))
    found.sort(key=lambda row: hashes.index(row.id_hash))
    member = db.session.get(Member, found[0].member_id) if found else None
    if member is None:
        raise EasyLoginRefused(NOT_REGISTERED)
    bans.refuse_suspended(member)
    found[0].last_used_at = utcnow()
    record_login(member)
    log.info("member %s logged in by easy login (%s)", member.id, handset.carrier)
    return member


def register(member: Member, handset: Handset, password: str,
             password_login: bool) -> RegisteredHandset:
    """Register the handset in hand for easy login; needs a password login and the password.

    password_login tells whether the member's session was started with a password.
    """
    if not password_login:
        raise EasyLoginRefused("登録するには、いったんログアウトして、メールアドレスと"
                               "パスワードでログインし直してください。")
    kind, digest = id_hashes(handset)[0]
    confirm_password(member, password, "パスワードが違います。")
    owner = db.session.scalars(queries.registration_for(handset.carrier, [digest])).first()
    if owner is not None:
        raise _taken(owner.member_id == member.id)
    row = RegisteredHandset(member_id=member.id, carrier=handset.carrier, id_kind=kind,
                            id_hash=digest, model=(handset.model or "")[:40] or None,
                            created_at=utcnow())
    db.session.add(row)
    try:
        db.session.flush()
    except IntegrityError:  # registered meanwhile, by a request racing this one
        raise Conflict() from None
    log.info("member %s registered a %s handset for easy login", member.id, handset.carrier)
    return row


def _taken(by_member: bool) -> DomainError:
    if by_member:
        return DomainError("この端末はすでに登録されています。")
    return DomainError("この端末は別のアカウントに登録されています。そちらで登録を"
                       "解除してから、もう一度お試しください。")


def forget_handsets(member_id: int, keep: Handset | None = None) -> None:
    """Remove the member's easy-login registrations, all but the handset `keep` if given."""
    statement = delete(RegisteredHandset).where(RegisteredHandset.member_id == member_id)
    kept = [terminal_id_hash(keep.carrier, kind, value)
            for kind, value in keep.terminal_ids.items()] if keep is not None else []
    if kept:
        assert keep is not None
        statement = statement.where(~and_(RegisteredHandset.carrier == keep.carrier,
                                          RegisteredHandset.id_hash.in_(kept)))
    db.session.execute(statement)


def remove(member: Member, registration_id: int) -> None:
    """Remove one of the member's registered handsets."""
    db.session.execute(delete(RegisteredHandset).where(
        RegisteredHandset.id == registration_id, RegisteredHandset.member_id == member.id))
