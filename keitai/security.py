"""Secrets: link tokens, and keyed hashes for terminal ids and rate-limit subjects."""
from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app


def new_token() -> str:
    """Return a fresh random token for a mailed link (URL-safe, 32 characters)."""
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    """Return the database key of a mailed-link token (the token is never stored)."""
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def derived_key(purpose: str) -> bytes:
    """Return a key for one purpose, derived from SECRET_KEY (or TERMINAL_ID_KEY for ids)."""
    config = current_app.config
    if purpose == "terminal-id" and config.get("TERMINAL_ID_KEY"):
        return str(config["TERMINAL_ID_KEY"]).encode("utf-8")
    base = str(config["SECRET_KEY"]).encode("utf-8")
    return hmac.new(base, f"keitai/{purpose}".encode("ascii"), hashlib.sha256).digest()


def keyed_hash(purpose: str, value: str) -> str:
    """Return HMAC-SHA256 of value under the purpose's key, as hex."""
    return hmac.new(derived_key(purpose), value.encode("utf-8"), hashlib.sha256).hexdigest()


def terminal_id_hash(carrier: str, kind: str, value: str) -> str:
    """Return how a terminal id is stored: a keyed hash of carrier, kind and id."""
    return keyed_hash("terminal-id", f"{carrier}:{kind}:{value}")
