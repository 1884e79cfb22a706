"""Password login: check the counters, the address and the password, then start a session."""
from __future__ import annotations

import logging

from flask import current_app

from carriers import Handset
from keitai import ratelimit
from keitai.addresses import normalize_email
from keitai.auth import log_in
from keitai.db import db
from keitai.domain import DomainError
from keitai.members import find_by_address
from keitai.models.member import Member
from keitai.passwords import hash_password, needs_rehash, verify_password

log = logging.getLogger(__name__)

#: a carrier gateway address is shared by many handsets, so it may fail this many times more
GATEWAY_FACTOR = 10
WRONG = "メールアドレスかパスワードが違います。"


class LoginThrottled(DomainError):
    """Too many failed logins for this account or from this address."""


def account_limit() -> ratelimit.Limit:
    """Return the limit of failed passwords per account."""
    config = current_app.config
    return ratelimit.Limit("login-account", config["LOGIN_ACCOUNT_LIMIT"],
                           config["LOGIN_WINDOW_SECONDS"])


def throttled(limit: ratelimit.Limit) -> LoginThrottled:
    """Return the refusal shown when a limit of failed passwords is reached."""
    return LoginThrottled("ログインの失敗が続いたため、しばらくログインできません。"
                          f"{limit.minutes()}分ほどたってから、もう一度お試しください。")


def confirm_password(member: Member, password: str, wrong: str) -> None:
    """Check a logged-in member's password again; failures count like failed logins."""
    limit = account_limit()
    if ratelimit.exceeded(limit, member.email):
        raise throttled(limit)
    if not verify_password(member.password_hash, password):
        ratelimit.hit(limit, member.email)
        db.session.commit()
        raise DomainError(wrong)


def limits(handset: Handset, client_address: str | None) -> list[tuple[ratelimit.Limit, str]]:
    """Return the (limit, subject) pairs a login from this handset counts against."""
    config = current_app.config
    window = config["LOGIN_WINDOW_SECONDS"]
    per_address = config["LOGIN_ADDRESS_LIMIT"]
    if handset.from_gateway and handset.subscriber_id:
        # the gateway vouches for the id, which tells one handset from the others behind it
        subject = f"{handset.carrier}:id:{handset.subscriber_id}"
    elif handset.from_gateway:
        subject, per_address = f"ip:{client_address}", per_address * GATEWAY_FACTOR
    else:
        subject = f"ip:{client_address}"
    return [(ratelimit.Limit("login-address", per_address, window), subject)]


def log_in_with_password(email: str, password: str, handset: Handset,
                         client_address: str | None) -> Member:
    """Log the session in, or raise LoginThrottled / DomainError; failures are counted."""
    account = normalize_email(email)
    member = find_by_address(account) if account else None
    # an account's failures count under its login address, whichever address was typed
    counted = [(account_limit(), member.email if member else account),
               *limits(handset, client_address)]
    for limit, subject in counted:
        if ratelimit.exceeded(limit, subject):
            log.warning("login refused: %s limit reached", limit.name)
            raise throttled(limit)
    if not verify_password(member.password_hash if member else None, password):
        for limit, subject in counted:
            ratelimit.hit(limit, subject)
        db.session.commit()
        log.info("login failed for %s", f"member {member.id}" if member else "an unknown address")
        raise DomainError(WRONG)
    assert member is not None
    if needs_rehash(member.password_hash):
        member.password_hash = hash_password(password)
    log_in(member, "password")
    db.session.commit()
    log.info("member %s logged in with a password", member.id)
    return member
