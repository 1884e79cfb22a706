"""Sign-up writes: invite an address, register from the invitation, verify the mobile address."""
from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any

from flask import current_app

from carriers import Handset
from keitai import mail, ratelimit, tokens
from keitai.addresses import check_email, check_mobile_email, is_mobile_email
from keitai.db import db
from keitai.domain import DomainError
from keitai.features.login.service import client_subject
from keitai.features.signup import invitations, joining
from keitai.features.signup.profile import SignUpForm, check_profile
from keitai.members import TAKEN, address_taken, create_member, record_login
from keitai.models.invitation import Invitation
from keitai.models.mail_token import MailToken
from keitai.models.member import Member
from keitai.moderation import bans

log = logging.getLogger(__name__)
#: invitations one member may send in a day
INVITATIONS_PER_DAY = 20
#: mobile-address checks one invitation may send in a day
CHECK_MAILS_PER_INVITATION = 3
#: mobile-address checks one client may send in an hour, whatever the invitations
CHECK_MAILS_PER_CLIENT_HOUR = 10


def invite(inviter: Member | None, raw_email: str, knows: str | None) -> str | None:
    """Invite an address and mail it the sign-up link, when it is nobody's yet; return the link.

    A member learns nothing about who else is a member: an address that is one gets the
    same answer, and counts against the same limits, as one that is not; it gets no mail
    (None is returned, which the page does not show).
    """
    address = check_email(raw_email)
    if inviter is not None and knows not in ("yes", "no"):
        raise DomainError("招待する人と知り合いかどうかを選んでください。")
    if not _may_mail(inviter, address):
        return None
    token = invitations.issue(inviter.id if inviter else None, address,
                              None if inviter is None else knows == "yes")
    return _mail_invitation(inviter, address, token)


def resend(inviter: Member, invitation: Invitation) -> str | None:
    """Mail the inviter's unused invitation again with a new link (the old one dies) and a new
    expiry; return the link, None when no mail went (the page says the same either way).

    A resend is an invitation mail like the first: it counts against the same limits, so
    resending mails an address no more often than inviting it again would.
    """
    if invitation.used_at is not None:
        raise DomainError("登録済みの招待は再送できません。")
    if invitation.cancelled_at is not None:
        raise DomainError(invitations.CANCELLED)
    if not _may_mail(inviter, invitation.email):
        return None
    token = invitations.renew(invitation)
    if token is None:  # used by a sign-up a moment ago
        raise DomainError("登録済みの招待は再送できません。")
    return _mail_invitation(inviter, invitation.email, token)


def _may_mail(inviter: Member | None, address: str) -> bool:
    """Count an invitation mail to address; raise DomainError over the limits, and return
    False when the mail must not go though the page says it went (a member's address)."""
    counted = [(ratelimit.Limit("invite-address", current_app.config["MAILS_PER_ADDRESS_HOUR"],
                                3600), address)]
    if inviter is not None:
        counted.append((ratelimit.Limit("invite", INVITATIONS_PER_DAY, 86400), str(inviter.id)))
    passed = ratelimit.reserve(counted)
    if passed is not None and passed.name == "invite":
        raise DomainError(f"招待は1日{passed.limit}通までです。明日また招待してください。")
    if passed is not None:
        raise DomainError("このアドレスへの招待が続いています。"
                          f"{passed.minutes()}分ほどたってからもう一度お試しください。")
    if bans.address_banned(address):  # answered like a member's address: nothing is sent
        log.info("invitation to a banned address by %s: not sent", _by(inviter))
        return False
    if address_taken(address):
        log.info("invitation to a member's address by %s: not sent", _by(inviter))
        return False
    try:
        mail.reserve(address)
    except DomainError:
        log.warning("invitation by %s not sent: too many mails to the address", _by(inviter))
        return False
    return True


def _mail_invitation(inviter: Member | None, address: str, token: str) -> str:
    """Queue the invitation mail with the link of token; return the link."""
    url = mail.link("signup.form", address, t=token)
    days = current_app.config["INVITATION_SECONDS"] // 86400
    # the mail is a job in the outbox, committed with the invitation by the unit of work
    mail.send(address, "mail/invitation.txt", inviter=inviter, url=url, days=days)
    log.info("invitation queued by %s", _by(inviter))
    return url


def _by(inviter: Member | None) -> str:
    return f"member {inviter.id}" if inviter else "an operator"


def needs_mobile_address(invitation: Invitation) -> bool:
    """Return True when the invited address is not a handset's, so the form asks for one."""
    return not is_mobile_email(invitation.email)


def sign_up(token: str, form: SignUpForm, handset: Handset,
            client_address: str | None) -> Member | str:
    """Register from an invitation; return the member (the caller logs them in), or the
    mobile address mailed to check.

    Each mailed check counts against the invitation and the client, so one invitation cannot
    make the site mail many addresses; and an invitation has one pending mobile address at a
    time: a new one voids the link sent to the one before.
    """
    invitation = invitations.open_invitation(token)
    bans.refuse_handset(handset)  # a banned handset comes back under no address
    bans.refuse_address(invitation.email)
    profile = check_profile(form)
    if not needs_mobile_address(invitation):
        # the invitation went to this handset's address: opening it proved the address
        return _complete(invitation, invitation.email, invitation.email, profile)
    mobile = check_mobile_email(form.mobile_email)
    bans.refuse_address(mobile)
    subject, factor = client_subject(handset, client_address)
    passed = ratelimit.reserve([
        (ratelimit.Limit("signup-mail-invitation", CHECK_MAILS_PER_INVITATION, 86400),
         str(invitation.id)),
        (ratelimit.Limit("signup-mail-client", CHECK_MAILS_PER_CLIENT_HOUR * factor, 3600),
         subject),
    ])
    if passed is not None:
        raise DomainError("確認メールの送信が続いたため、受け付けられませんでした。"
                          "届いたメールのURLを開くか、時間をおいてお試しください。")
    if address_taken(mobile) or address_taken(invitation.email):
        raise DomainError(TAKEN)
    mail.reserve(mobile)
    tokens.void_invitation(invitation.id, "signup")
    token = tokens.issue("signup", mobile, current_app.config["MAIL_TOKEN_SECONDS"],
                         invitation_id=invitation.id,
                         payload={**profile, "login_email": invitation.email})
    mail.send(mobile, "mail/signup_verify.txt", nickname=profile["nickname"],
              url=mail.link("signup.verify_form", mobile, t=token))
    return mobile


def pending_sign_up(token: str) -> MailToken:
    """Return the pending sign-up a verification link names, or raise DomainError."""
    return tokens.open_token(token, "signup")


def verify(token: str, handset: Handset) -> Member:
    """Complete a sign-up whose mobile address the link proves; return the new member."""
    pending = tokens.open_token(token, "signup")
    bans.refuse_handset(handset)
    bans.refuse_address(pending.email, pending.payload["login_email"])
    invitation = db.session.get(Invitation, pending.invitation_id)
    if invitation is None:
        raise DomainError(tokens.UNKNOWN)
    invitations.open_invitation_row(invitation)
    tokens.use_up(pending)
    return _complete(invitation, pending.payload["login_email"], pending.email, pending.payload)


def _complete(invitation: Invitation, email: str, mobile: str,
              profile: dict[str, Any]) -> Member:
    """Create the member and use the invitation up, in the caller's unit of work."""
    member = create_member(
        email=email, mobile_email=mobile, nickname=profile["nickname"],
        real_name=profile["real_name"], password_hash=profile["password_hash"],
        birth_date=date.fromisoformat(profile["birth_date"]),
        terms_accepted_at=datetime.fromisoformat(profile["terms_accepted_at"]),
    )
    invitations.use_up(invitation, member.id)
    joining.befriend_inviter(invitation, member)
    record_login(member)
    log.info("member %s signed up", member.id)
    return member
