"""CSRF tokens for visitors who have no stored session: signed, expiring, bound to the sender.

A visitor's page (the top page with its login form) must cost no write, so its forms carry
no session secret but a token anyone can check and nobody can forge: the time it was made, a
random nonce and an HMAC, under a key derived from the secret key, over both and over what the
visitor sends alike with the page and with the form: the handset's binding (carrier and
model), its terminal mark when it sends an id, and the random pre-session cookie of a handset
that keeps cookies. Every app server checks it alike, with nothing stored.

A token made without a terminal mark is accepted from a handset that sends one: docomo sends
the i-mode ID only to a URL with guid=ON, which our form actions carry and a bookmark may not.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from keitai.security import derived_key

PURPOSE = "visitor-csrf"
#: how far ahead of this server's clock another server's token may be
CLOCK_SKEW_SECONDS = 60
#: the longest token made here (anything longer is refused unread)
MAX_LENGTH = 80
_UNMARKED, _MARKED = "-", "m"


def _mac(issued: str, nonce: str, flag: str, binding: str, mark: str, pre: str) -> str:
    message = "\x1f".join((issued, nonce, flag, binding, mark, pre)).encode("utf-8")
    digest = hmac.new(derived_key(PURPOSE), message, hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def issue(binding: str, mark: str | None, pre: str, now: int) -> str:
    """Return a token for a visitor's forms: time, nonce, whether a mark is bound, HMAC."""
    issued, nonce = str(now), secrets.token_urlsafe(9)
    flag = _MARKED if mark else _UNMARKED
    return ".".join((issued, nonce, flag, _mac(issued, nonce, flag, binding, mark or "", pre)))


def check(token: str, binding: str, mark: str | None, pre: str, max_age: int, now: int) -> bool:
    """Return True when token was made here, at most max_age seconds ago, for this sender."""
    if len(token) > MAX_LENGTH:
        return False
    parts = token.split(".")
    if len(parts) != 4 or not parts[0].isdigit() or parts[0] != str(int(parts[0])):
        return False
    issued, nonce, flag, sent_mac = parts
    age = now - int(issued)
    if not -CLOCK_SKEW_SECONDS <= age <= max_age:
        return False
    if flag == _MARKED:
        if not mark:
            return False
        bound = mark
    elif flag == _UNMARKED:
        bound = ""
    else:
        return False
    expected = _mac(issued, nonce, flag, binding, bound, pre)
    # compared as bytes: compare_digest refuses str that is not ASCII, and a POST may send any
    return hmac.compare_digest(sent_mac.encode("utf-8"), expected.encode("ascii"))
