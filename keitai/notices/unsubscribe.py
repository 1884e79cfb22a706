"""The link in every notice mail that turns that kind off without logging in.

The token is the member's id, the kind and an HMAC over both under a key derived from the
secret key: nothing is stored, it never expires, and it turns off that kind for that member
and nothing else.
"""
from __future__ import annotations

import hmac

from keitai.security import keyed_hash

PURPOSE = "notice-off"
#: hex digits of the HMAC the token carries
MAC_LENGTH = 32


def _mac(member_id: int, kind: str) -> str:
    return keyed_hash(PURPOSE, f"{member_id}:{kind}")[:MAC_LENGTH]


def token(member_id: int, kind: str) -> str:
    """Return the token of the link that turns kind off for member_id."""
    return f"{member_id}.{kind}.{_mac(member_id, kind)}"


def read(sent: str, kinds: tuple[str, ...]) -> tuple[int, str] | None:
    """Return (member id, kind) of a token made here, or None for anything else."""
    parts = sent.split(".") if len(sent) < 120 else []
    if len(parts) != 3 or not parts[0].isdigit() or parts[1] not in kinds:
        return None
    member_id, kind = int(parts[0]), parts[1]
    if not hmac.compare_digest(parts[2].encode("utf-8"), _mac(member_id, kind).encode("ascii")):
        return None
    return member_id, kind
