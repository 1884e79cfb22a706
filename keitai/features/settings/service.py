"""Account writes: change the mail address (verified again), the password; withdraw."""
from __future__ import annotations

import logging

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from carriers import Handset
from keitai import hot, mail, tokens
from keitai.addresses import check_email, is_mobile_email
from keitai.db import db
from keitai.domain import DomainError
from keitai.features.communities.service import member_withdrawing
from keitai.features.easy_login.service import forget_handsets
from keitai.features.login.service import confirm_password
from keitai.mail_in import addresses
from keitai.members import TAKEN, address_taken
from keitai.models.diary import Diary
from keitai.models.friendship import Friendship
from keitai.models.invitation import Invitation
from keitai.models.member import Member
from keitai.moderation import bans
from keitai.passwords import check_new_password, hash_password
from keitai.search.indexing import changed
from keitai.session_store import session_store

log = logging.getLogger(__name__)
WRONG_PASSWORD = "今のパスワードが違います。"


def _check_password(member: Member, password: str) -> None:
    confirm_password(member, password, WRONG_PASSWORD)


def request_email_change(member: Member, raw_email: str, password: str) -> str:
    """Mail the new address a link that makes it the member's; return the address."""
    _check_password(member, password)
    address = check_email(raw_email)
    if address in (member.email, member.mobile_email):
        raise DomainError("今と同じメールアドレスです。")
    if address_taken(address):
        raise DomainError(TAKEN)
    bans.refuse_address(address)
    mail.reserve(address)
    token = tokens.issue("email_change", address, current_app.config["MAIL_TOKEN_SECONDS"],
                         member_id=member.id)
    mail.send(address, "mail/email_change.txt", member=member,
              url=mail.link("settings.confirm_email_form", address, t=token))
    return address


def confirm_email_change(token: str) -> Member:
    """Make the mailed address the member's: a handset's becomes the mobile address too."""
    pending = tokens.open_token(token, "email_change")
    member = db.session.get(Member, pending.member_id)
    if member is None:
        raise DomainError(tokens.UNKNOWN)
    tokens.use_up(pending)
    new = pending.email
    bans.refuse_address(new)  # banned since the link was mailed
    if is_mobile_email(new):
        if member.email == member.mobile_email or member.mobile_email is None:
            member.email = new
        member.mobile_email = new
    else:
        member.email = new
    try:
        db.session.flush()
    except IntegrityError:  # taken meanwhile; the refusal rolls the unit back
        raise DomainError(TAKEN) from None
    log.info("member %s changed their mail address", member.id)
    return member


def change_password(member: Member, current: str, new: str, handset: Handset,
                    session_hash: str | None) -> None:
    """Set a new password; log out the member's other sessions, forget their other handsets.

    Easy login on a handset registered by whoever knew the old password ends too; only the
    handset in hand, the one changing the password, stays registered, and only the session
    session_hash names stays (the caller gives it a new token). The posting addresses get
    new tokens.
    """
    _check_password(member, current)
    check_new_password(new)
    member.password_hash = hash_password(new)
    tokens.void(member.id, "password_reset")
    tokens.void(member.id, "login_unlock")
    forget_handsets(member.id, keep=handset)
    end_sessions(member.id, keep=session_hash)
    addresses.renew_all(member.id)  # the posting addresses were readable with the old one
    log.info("member %s changed their password", member.id)


def end_sessions(member_id: int, keep: str | None = None) -> None:
    """Log the member out everywhere, but in the session whose token hash is keep."""
    session_store().end_member(member_id, keep)


def withdraw(member: Member, password: str) -> None:
    """Withdraw at the member's own request, once their password is checked again.

    The caller ends the request's session (it was one of the member's).
    """
    _check_password(member, password)
    remove_member(member)


def remove_member(member: Member) -> None:
    """Delete the member, their sessions and own data; what others hold stays, without them.

    Both the member's own withdrawal and an operator's removal (the console) come here.
    """
    member_id = member.id
    # invitations not yet used are the member's own; used ones belong to the invitees' story
    db.session.execute(delete(Invitation).where(
        Invitation.inviter_id == member_id, Invitation.used_at.is_(None)))
    end_sessions(member_id)
    hot.card_changed(member_id)
    # their diaries leave their friends' feeds now, not when the feeds' time runs out
    hot.feed_changed(db.session.scalars(
        select(Friendship.friend_id).where(Friendship.member_id == member_id)))
    member_withdrawing(member_id)  # counts, and the communities they ran pass on
    # the search forgets them and their diaries (their topics stay, signed as withdrawn)
    changed("members", member_id)
    changed("diaries", *db.session.scalars(select(Diary.id).where(Diary.author_id == member_id)))
    db.session.delete(member)  # the database cascades to handsets and tokens, nulls the rest
    log.info("member %s withdrew or was removed", member_id)
