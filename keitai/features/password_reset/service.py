"""Password reset: mail a link to a member's address; set a new password from it once."""
from __future__ import annotations

import logging

from flask import current_app

from keitai import mail, tokens
from keitai.addresses import check_email
from keitai.db import db
from keitai.domain import DomainError
from keitai.features.settings.service import end_other_sessions
from keitai.members import find_by_address
from keitai.models.member import Member
from keitai.passwords import check_new_password, hash_password

log = logging.getLogger(__name__)


def request_reset(raw_email: str) -> None:
    """Mail a reset link when a member has this address; say nothing either way."""
    address = check_email(raw_email)
    member = find_by_address(address)
    if member is None:
        log.info("password reset asked for an unknown address")
        return
    mail.reserve(address)
    token = tokens.issue("password_reset", address,
                         current_app.config["PASSWORD_RESET_SECONDS"], member_id=member.id)
    db.session.commit()
    minutes = current_app.config["PASSWORD_RESET_SECONDS"] // 60
    mail.send(address, "mail/password_reset.txt", member=member, minutes=minutes,
              url=mail.link("password_reset.reset_form", address, t=token))


def check_reset_link(token: str) -> None:
    """Raise DomainError unless the reset link is still usable."""
    tokens.open_token(token, "password_reset")


def reset(token: str, new_password: str) -> Member:
    """Set the new password from the link, once; log the member out everywhere."""
    pending = tokens.open_token(token, "password_reset")
    check_new_password(new_password)
    member = db.session.get(Member, pending.member_id)
    if member is None:
        raise DomainError(tokens.UNKNOWN)
    tokens.use_up(pending)
    tokens.void(member.id, "password_reset")
    member.password_hash = hash_password(new_password)
    end_other_sessions(member.id)
    db.session.commit()
    log.info("member %s reset their password", member.id)
    return member
