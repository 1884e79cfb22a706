"""Sign-up writes: invite an address, register from the invitation, verify the mobile address."""
from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any

from flask import current_app

from keitai import mail, ratelimit, tokens
from keitai.addresses import check_email, check_mobile_email, is_mobile_email
from keitai.auth import log_in
from keitai.db import db
from keitai.domain import DomainError
from keitai.features.signup import invitations
from keitai.features.signup.profile import SignUpForm, check_profile
from keitai.members import TAKEN, address_taken, create_member
from keitai.models.invitation import Invitation
from keitai.models.mail_token import MailToken
from keitai.models.member import Member

log = logging.getLogger(__name__)
#: invitations one member may send in a day
INVITATIONS_PER_DAY = 20


def invite(inviter: Member | None, raw_email: str, knows: str | None) -> str:
    """Invite an address and mail it the sign-up link; return the link."""
    address = check_email(raw_email)
    if inviter is not None and knows not in ("yes", "no"):
        raise DomainError("招待する人と知り合いかどうかを選んでください。")
    if address_taken(address):
        raise DomainError("このアドレスの方はすでにメンバーです。")
    if inviter is not None:
        daily = ratelimit.Limit("invite", INVITATIONS_PER_DAY, 86400)
        if ratelimit.hit(daily, str(inviter.id)) > daily.limit:
            raise DomainError(f"招待は1日{daily.limit}通までです。明日また招待してください。")
    mail.reserve(address)
    token = invitations.issue(inviter.id if inviter else None, address,
                              None if inviter is None else knows == "yes")
    db.session.commit()
    url = mail.link("signup.form", address, t=token)
    days = current_app.config["INVITATION_SECONDS"] // 86400
    mail.send(address, "mail/invitation.txt", inviter=inviter, url=url, days=days)
    log.info("invitation sent by %s", f"member {inviter.id}" if inviter else "an operator")
    return url


def needs_mobile_address(invitation: Invitation) -> bool:
    """Return True when the invited address is not a handset's, so the form asks for one."""
    return not is_mobile_email(invitation.email)


def sign_up(token: str, form: SignUpForm) -> Member | str:
    """Register from an invitation; return the member, or the mobile address mailed to check."""
    invitation = invitations.open_invitation(token)
    profile = check_profile(form)
    if not needs_mobile_address(invitation):
        # the invitation went to this handset's address: opening it proved the address
        return _complete(invitation, invitation.email, invitation.email, profile)
    mobile = check_mobile_email(form.mobile_email)
    if address_taken(mobile) or address_taken(invitation.email):
        raise DomainError(TAKEN)
    mail.reserve(mobile)
    token = tokens.issue("signup", mobile, current_app.config["MAIL_TOKEN_SECONDS"],
                         invitation_id=invitation.id,
                         payload={**profile, "login_email": invitation.email})
    db.session.commit()
    mail.send(mobile, "mail/signup_verify.txt", nickname=profile["nickname"],
              url=mail.link("signup.verify_form", mobile, t=token))
    return mobile


def pending_sign_up(token: str) -> MailToken:
    """Return the pending sign-up a verification link names, or raise DomainError."""
    return tokens.open_token(token, "signup")


def verify(token: str) -> Member:
    """Complete a sign-up whose mobile address the link proves; log this handset in."""
    pending = tokens.open_token(token, "signup")
    invitation = db.session.get(Invitation, pending.invitation_id)
    if invitation is None:
        raise DomainError(tokens.UNKNOWN)
    invitations.open_invitation_row(invitation)
    tokens.use_up(pending)
    return _complete(invitation, pending.payload["login_email"], pending.email, pending.payload)


def _complete(invitation: Invitation, email: str, mobile: str,
              profile: dict[str, Any]) -> Member:
    """Create the member, use the invitation up and log in, all in one transaction."""
    member = create_member(
        email=email, mobile_email=mobile, nickname=profile["nickname"],
        real_name=profile["real_name"], password_hash=profile["password_hash"],
        birth_date=date.fromisoformat(profile["birth_date"]),
        terms_accepted_at=datetime.fromisoformat(profile["terms_accepted_at"]),
    )
    invitations.use_up(invitation, member.id)
    log_in(member, "password")
    db.session.commit()
    log.info("member %s signed up", member.id)
    return member
