"""Operators and their second factor: a TOTP app, or a one-time code mailed to the handset.

A TOTP secret is stored sealed: XORed with a pad that is an HMAC of a random nonce under a
key derived from SECRET_KEY. A copy of the database alone does not give the secret; the key
does not leave the app servers. A code is good once: the step of the last accepted code is
kept, and a code of that step or an earlier one is refused.

An operator without TOTP is mailed a 6-digit code (good for CODE_MINUTES, once); only its
keyed hash is stored. Wrong codes of either kind count against the operator, like wrong
passwords (ratelimit.reserve), and a success gives its attempt back.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from datetime import timedelta

import pyotp
from flask import current_app

from keitai import mail, ratelimit
from keitai.db import db
from keitai.domain import DomainError
from keitai.models.admin import OperatorFactor
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.security import derived_key, keyed_hash

#: how long a mailed code is good
CODE_MINUTES = 10
#: accepted codes are of the current 30-second step or the one before or after (clock drift)
DRIFT_STEPS = 1
WRONG_CODE = "確認コードが違うか、有効期限が切れています。"
ISSUER = "keitai admin"


def clock() -> float:
    """Return the time a TOTP code is checked at (tests set it)."""
    return time.time()


def _pad(nonce: str, size: int) -> bytes:
    key = derived_key("admin-totp")
    return hmac.new(key, nonce.encode("ascii"), hashlib.sha256).digest()[:size]


def seal(secret: str) -> tuple[str, str]:
    """Return (sealed hex, nonce) of a base32 TOTP secret."""
    raw = base64.b32decode(secret)
    nonce = secrets.token_hex(16)
    return bytes(a ^ b for a, b in zip(raw, _pad(nonce, len(raw)), strict=True)).hex(), nonce


def unseal(sealed: str, nonce: str) -> str:
    """Return the base32 TOTP secret a sealed value holds."""
    raw = bytes.fromhex(sealed)
    return base64.b32encode(bytes(a ^ b for a, b in zip(raw, _pad(nonce, len(raw)),
                                                        strict=True))).decode("ascii")


def factor_of(member_id: int, *, lock: bool = False) -> OperatorFactor | None:
    """Return an operator's second-factor row, or None (locked, to use up a code once)."""
    return db.session.get(OperatorFactor, member_id, with_for_update=lock or None)


def has_totp(member_id: int) -> bool:
    """Tell whether the operator logs in with a TOTP app (else with a mailed code)."""
    with db.session.no_autoflush:  # a login's password rehash waits: a mail may be counted
        factor = factor_of(member_id)
    return factor is not None and factor.totp_sealed is not None


def _factor(member_id: int) -> OperatorFactor:
    factor = factor_of(member_id)
    if factor is None:
        factor = OperatorFactor(member_id=member_id)
        db.session.add(factor)
    return factor


def enroll_totp(member: Member) -> str:
    """Give the operator a new TOTP secret; return its otpauth:// URI (shown once)."""
    secret = pyotp.random_base32()
    factor = _factor(member.id)
    factor.totp_sealed, factor.totp_nonce = seal(secret)
    factor.totp_last_step = None
    return pyotp.TOTP(secret).provisioning_uri(name=member.email, issuer_name=ISSUER)


def make_operator(member: Member) -> None:
    """Give the member operator rights (their factor row is made on first need)."""
    member.is_admin = True
    _factor(member.id)


def drop_operator(member: Member) -> None:
    """Take the operator rights away, and the second factor with them."""
    member.is_admin = False
    factor = factor_of(member.id)
    if factor is not None:
        db.session.delete(factor)


def factor_limit() -> ratelimit.Limit:
    """Return the limit of wrong second-factor codes per operator."""
    config = current_app.config
    return ratelimit.Limit("admin-factor", config["LOGIN_ACCOUNT_LIMIT"],
                           config["LOGIN_WINDOW_SECONDS"])


def _reserve(member_id: int) -> list[tuple[ratelimit.Limit, str]]:
    counted = [(factor_limit(), f"operator:{member_id}")]
    passed = ratelimit.reserve(counted)
    if passed is not None:
        raise DomainError("確認コードの間違いが続いたため、しばらくログインできません。"
                          f"{passed.minutes()}分ほどたってから、もう一度お試しください。")
    return counted


def _digits(code: str) -> str:
    return "".join(code.split())


def check_totp(member_id: int, code: str) -> None:
    """Accept a TOTP code once, or raise DomainError (the attempt counted)."""
    counted = _reserve(member_id)
    factor = factor_of(member_id, lock=True)
    if factor is None or factor.totp_sealed is None or factor.totp_nonce is None:
        raise DomainError(WRONG_CODE)
    totp = pyotp.TOTP(unseal(factor.totp_sealed, factor.totp_nonce))
    now = clock()
    current = int(now // totp.interval)
    code = _digits(code)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            if factor.totp_last_step is not None and step <= factor.totp_last_step:
                break  # used already (or an older one): a code is good once
            factor.totp_last_step = step
            ratelimit.release(counted)
            return
    raise DomainError(WRONG_CODE)


def _code_hash(member_id: int, code: str) -> str:
    return keyed_hash("admin-code", f"{member_id}:{code}")


def mail_code(member: Member) -> str:
    """Mail the operator a new one-time code (the old one dies); return the address used."""
    address = member.mobile_email or member.email
    mail.reserve(address)
    code = f"{secrets.randbelow(10**6):06d}"
    factor = _factor(member.id)
    factor.code_hash = _code_hash(member.id, code)
    factor.code_expires_at = utcnow() + timedelta(minutes=CODE_MINUTES)
    mail.send(address, "mail/admin_code.txt", member=member, code=code, minutes=CODE_MINUTES)
    return address


def check_code(member_id: int, code: str) -> None:
    """Accept the mailed code once, before it expires, or raise DomainError (counted)."""
    counted = _reserve(member_id)
    factor = factor_of(member_id, lock=True)
    if (factor is None or factor.code_hash is None or factor.code_expires_at is None
            or factor.code_expires_at < utcnow()
            or not hmac.compare_digest(factor.code_hash, _code_hash(member_id, _digits(code)))):
        raise DomainError(WRONG_CODE)
    factor.code_hash, factor.code_expires_at = None, None  # good once
    ratelimit.release(counted)
