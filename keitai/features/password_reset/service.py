"""Password reset: mail a link to a member's address; set a new password from it once."""
from __future__ import annotations

import logging

from flask import current_app

from carriers import Handset
from keitai import tokens
from keitai.db import db
from keitai.domain import DomainError
from keitai.features.easy_login.service import forget_handsets
from keitai.features.settings.service import end_sessions
from keitai.member_links import LinkMail, request_link
from keitai.models.member import Member
from keitai.passwords import check_new_password, hash_password

log = logging.getLogger(__name__)


def reset_mail() -> LinkMail:
    """Return how reset links are mailed: to the address typed, when it is a member's."""
    return LinkMail("password_reset", "mail/password_reset.txt", "password_reset.reset_form",
                    current_app.config["PASSWORD_RESET_SECONDS"])


def request_reset(raw_email: str, handset: Handset, client_address: str | None) -> None:
    """Mail a reset link when a member has this address; answer the same either way."""
    request_link(reset_mail(), raw_email, handset, client_address)


def check_reset_link(token: str) -> None:
    """Raise DomainError unless the reset link is still usable."""
    tokens.open_token(token, "password_reset")


def reset(token: str, new_password: str) -> Member:
    """Set the new password from the link, once; end every session of the member.

    A reset is account recovery: whoever had the account may have registered handsets for
    easy login, so every registration goes too.
    """
    pending = tokens.open_token(token, "password_reset")
    check_new_password(new_password)
    member = db.session.get(Member, pending.member_id)
    if member is None:
        raise DomainError(tokens.UNKNOWN)
    tokens.use_up(pending)
    tokens.void(member.id, "password_reset")
    tokens.void(member.id, "login_unlock")
    member.password_hash = hash_password(new_password)
    forget_handsets(member.id)
    end_sessions(member.id)
    log.info("member %s reset their password", member.id)
    return member
