"""Password login: reserve an attempt, check the password, start a session.

Every attempt is counted before its password is checked (ratelimit.reserve), against the
account and against the client, so parallel guesses count as many as they are. A stranger's
address and a member's wrong password cost the same work and get the same answer.

Guessing at an account from anywhere locks it, but not for its owner:
- a handset whose subscriber id the carrier's gateway vouches for has its own count per
  account, so guesses from elsewhere never lock the owner's handset out;
- easy login does not take a password, so no lock applies to it;
- the unlock link (keitai.features.login.unlock) mailed to the member's registered address
  lets them log in with their password whatever others did.
"""
from __future__ import annotations

import logging

from flask import current_app

from carriers import Handset
from keitai import ratelimit
from keitai.addresses import normalize_email
from keitai.domain import DomainError
from keitai.members import find_by_address, record_login
from keitai.models.member import Member
from keitai.moderation import bans
from keitai.passwords import hash_password, needs_rehash, verify_password

log = logging.getLogger(__name__)

#: a carrier gateway address is shared by many handsets, so it may fail this many times more
GATEWAY_FACTOR = 10
WRONG = "メールアドレスかパスワードが違います。"

Counted = list[tuple[ratelimit.Limit, str]]


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


def vouched_handset(handset: Handset) -> str | None:
    """Return the subscriber the carrier's gateway vouches for, as a rate-limit subject."""
    if handset.from_gateway and handset.subscriber_id:
        return f"{handset.carrier}:id:{handset.subscriber_id}"
    return None


def client_subject(handset: Handset, client_address: str | None) -> tuple[str, int]:
    """Return who a client-based limit counts (subscriber, address or /64) and its factor.

    The factor multiplies the limit for a gateway address without a subscriber id: many
    handsets share it.
    """
    vouched = vouched_handset(handset)
    if vouched is not None:  # tells one handset from the others behind the gateway
        return vouched, 1
    factor = GATEWAY_FACTOR if handset.from_gateway else 1
    return ratelimit.address_subject(client_address), factor


def attempt_limits(account: str, handset: Handset, client_address: str | None) -> Counted:
    """Return the (limit, subject) pairs one password attempt on an account counts against."""
    config = current_app.config
    subject, factor = client_subject(handset, client_address)
    vouched = vouched_handset(handset)
    account_subject = account if vouched is None else f"{account}|{vouched}"
    per_client = ratelimit.Limit("login-address", config["LOGIN_ADDRESS_LIMIT"] * factor,
                                 config["LOGIN_WINDOW_SECONDS"])
    return [(account_limit(), account_subject), (per_client, subject)]


def confirm_limit() -> ratelimit.Limit:
    """Return the limit of wrong passwords a logged-in member may type to confirm an action."""
    config = current_app.config
    return ratelimit.Limit("confirm-password", config["LOGIN_ACCOUNT_LIMIT"],
                           config["LOGIN_WINDOW_SECONDS"])


def confirm_password(member: Member, password: str, wrong: str) -> None:
    """Check a logged-in member's password again; every attempt is reserved first.

    The count is the member's own, apart from the login lock: strangers guessing at the
    account do not stop its logged-in owner from changing settings.
    """
    counted = [(confirm_limit(), f"member:{member.id}")]
    passed = ratelimit.reserve(counted)
    if passed is not None:
        raise LoginThrottled("パスワードの間違いが続いたため、しばらくこの操作はできません。"
                             f"{passed.minutes()}分ほどたってから、もう一度お試しください。")
    if not verify_password(member.password_hash, password):
        raise DomainError(wrong)
    ratelimit.release(counted)


def check_password(member: Member | None, password: str, counted: Counted,
                   wrong: str = WRONG) -> Member:
    """Reserve the attempt, verify the password; return the member or raise, failures kept."""
    passed = ratelimit.reserve(counted)
    if passed is not None:
        log.warning("login refused: %s limit reached", passed.name)
        raise throttled(passed)
    if not verify_password(member.password_hash if member else None, password):
        log.info("login failed for %s", f"member {member.id}" if member else "an unknown address")
        raise DomainError(wrong)
    assert member is not None
    ratelimit.release(counted)  # a success is no failure
    if needs_rehash(member.password_hash):
        member.password_hash = hash_password(password)
    return member


def log_in_with_password(email: str, password: str, handset: Handset,
                         client_address: str | None) -> Member:
    """Return the member the address and password name (the caller logs the session in), or
    raise LoginThrottled / DomainError; attempts are counted. A banned handset is refused
    (bans.Refused), a suspended member told why (bans.Suspended)."""
    bans.refuse_handset(handset)  # a banned handset gets in under no account
    account = normalize_email(email)
    member = find_by_address(account) if account else None
    # an account's attempts count under its login address, whichever address was typed
    counted = attempt_limits(member.email if member else account, handset, client_address)
    member = check_password(member, password, counted)
    bans.refuse_suspended(member)  # told why only once the password proved who asks
    record_login(member)
    log.info("member %s logged in with a password", member.id)
    return member
