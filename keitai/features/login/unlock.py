"""Unlock links: the owner of a locked account logs in from a link mailed to their handset.

Guesses from anywhere lock an account's password login for a while. The owner asks for a
link; it goes to the registered mobile address, and a login through it is counted per link,
not per account, so nobody else's guessing stops it. Asking answers the same for any address.
"""
from __future__ import annotations

import logging

from flask import current_app

from carriers import Handset
from keitai import ratelimit, tokens
from keitai.db import db
from keitai.domain import DomainError
from keitai.features.login.service import check_password
from keitai.member_links import LinkMail, request_link
from keitai.members import record_login
from keitai.models.member import Member
from keitai.moderation import bans

log = logging.getLogger(__name__)
PURPOSE = "login_unlock"


def unlock_mail() -> LinkMail:
    """Return how unlock links are mailed: to the member's registered mobile address."""
    return LinkMail(PURPOSE, "mail/login_unlock.txt", "login.unlocked_form",
                    current_app.config["LOGIN_UNLOCK_SECONDS"], to_mobile=True)


def request_unlock(raw_email: str, handset: Handset, client_address: str | None) -> None:
    """Mail an unlock link when a member has this address; answer the same either way."""
    request_link(unlock_mail(), raw_email, handset, client_address)


def check_unlock_link(token: str) -> None:
    """Raise DomainError unless the unlock link is still usable."""
    tokens.open_token(token, PURPOSE)


def log_in_with_unlock_link(token: str, password: str, handset: Handset) -> Member:
    """Return the member the link and password name (the caller logs the session in); wrong
    passwords are counted per link."""
    bans.refuse_handset(handset)
    pending = tokens.open_token(token, PURPOSE)
    member = db.session.get(Member, pending.member_id)
    if member is None:
        raise DomainError(tokens.UNKNOWN)
    config = current_app.config
    per_link = ratelimit.Limit("login-unlock", config["LOGIN_ACCOUNT_LIMIT"],
                               config["LOGIN_UNLOCK_SECONDS"])
    check_password(member, password, [(per_link, pending.token_hash)], "パスワードが違います。")
    bans.refuse_suspended(member)
    tokens.use_up(pending)
    record_login(member)
    log.info("member %s logged in with an unlock link", member.id)
    return member
