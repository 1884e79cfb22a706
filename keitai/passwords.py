"""Passwords: argon2 hashes, and the rules a new password must meet."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

from keitai.domain import DomainError

MIN_LENGTH = 8
MAX_LENGTH = 64
#: a hash to verify against when no member matched, so both cases take as long
_DUMMY: dict[tuple[int, int], str] = {}


def hasher() -> PasswordHasher:
    """Return the argon2 hasher with the configured cost."""
    config = current_app.config
    return PasswordHasher(time_cost=config["ARGON2_TIME_COST"],
                          memory_cost=config["ARGON2_MEMORY_KIB"], parallelism=1)


def check_new_password(password: str) -> None:
    """Raise DomainError unless password is 8-64 letters, digits or ASCII signs."""
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise DomainError(
            f"パスワードは{MIN_LENGTH}文字以上{MAX_LENGTH}文字以内で入力してください。")
    if not (password.isascii() and password.isprintable()) or " " in password:
        raise DomainError("パスワードには半角の英字・数字・記号だけを使ってください。")


def hash_password(password: str) -> str:
    """Return the argon2 hash of a password."""
    return hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Return True when password matches the hash; spend the same time when there is none."""
    ph = hasher()
    if password_hash is None:
        password_hash = _dummy_hash(ph)
        password = password + "\x00"
    try:
        return ph.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _dummy_hash(ph: PasswordHasher) -> str:
    """Return a hash made once per cost setting, so an unknown address costs one verify."""
    key = (ph.time_cost, ph.memory_cost)
    found = _DUMMY.get(key)
    if found is None:
        found = _DUMMY[key] = ph.hash("not-a-password")
    return found


def needs_rehash(password_hash: str) -> bool:
    """Return True when a stored hash was made with other cost settings."""
    return hasher().check_needs_rehash(password_hash)
