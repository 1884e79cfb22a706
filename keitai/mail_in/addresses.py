"""Secret posting addresses: m-<token>@<domain> for the diary, a-<token>@<domain> for an album.

The token is 16 characters of base32 (80 bits) derived from the row's random nonce with a key
made from SECRET_KEY; the database keeps the nonce and a SHA-256 of the token, never the
token, so a copy of the database alone is not enough to post. The settings page derives the
token again to show it. Renewing gives the row a new nonce: the old address is unknown at once.
Changing SECRET_KEY changes every token: the page then asks the member to renew (is_current).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from keitai.db import db
from keitai.domain import Conflict
from keitai.models.base import utcnow
from keitai.models.posting import PostingAddress
from keitai.security import derived_key

#: the local part's prefix: a diary (m, for メール日記) or an album's pictures (a)
DIARY_PREFIX, ALBUM_PREFIX = "m", "a"
_LOCAL = re.compile(r"([ma])-([a-z2-7]{16})")


def _token(nonce: str) -> str:
    digest = hmac.new(derived_key("mail-post"), nonce.encode("ascii"), hashlib.sha256).digest()
    return base64.b32encode(digest[:10]).decode("ascii").lower()


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def domain() -> str:
    """Return the domain posting addresses are at (KEITAI_MAIL_IN_DOMAIN)."""
    return str(current_app.config["MAIL_IN_DOMAIN"])


def address_of(row: PostingAddress) -> str:
    """Return the posting address of a row, as the member types it."""
    prefix = DIARY_PREFIX if row.album_id is None else ALBUM_PREFIX
    return f"{prefix}-{_token(row.nonce)}@{domain()}"


def is_current(row: PostingAddress) -> bool:
    """Tell whether the row's address still works (False after SECRET_KEY changed)."""
    return hmac.compare_digest(_hash(_token(row.nonce)), row.token_hash)


def find(recipient: str) -> PostingAddress | None:
    """Return the posting address a recipient names, or None when it is no valid one."""
    local, at, host = recipient.strip().lower().rpartition("@")
    found = _LOCAL.fullmatch(local)
    if not at or found is None or host.rstrip(".") != domain():
        return None
    row = db.session.scalars(select(PostingAddress).where(
        PostingAddress.token_hash == _hash(found.group(2)))).first()
    if row is None or (found.group(1) == ALBUM_PREFIX) != (row.album_id is not None):
        return None
    return row if hmac.compare_digest(_token(row.nonce), found.group(2)) else None


def diary_address(member_id: int) -> PostingAddress | None:
    """Return the member's diary posting address, or None before they asked for one."""
    return db.session.scalars(select(PostingAddress).where(
        PostingAddress.member_id == member_id, PostingAddress.album_id.is_(None))).first()


def album_addresses(member_id: int, album_ids: Iterable[int]) -> dict[int, PostingAddress]:
    """Return the posting addresses of the member's albums among album_ids, by album id."""
    ids = list(album_ids)
    if not ids:
        return {}
    rows = db.session.scalars(select(PostingAddress).where(
        PostingAddress.member_id == member_id, PostingAddress.album_id.in_(ids)))
    return {row.album_id: row for row in rows if row.album_id is not None}


def issue(member_id: int, album_id: int | None = None) -> PostingAddress:
    """Give the member a new posting address (the diary's, or the album's): a new one, or a
    renewed one, the old address then being unknown. The caller checks the album is theirs."""
    if album_id is None:
        row = diary_address(member_id)
    else:
        row = album_addresses(member_id, [album_id]).get(album_id)
    nonce = secrets.token_hex(16)
    if row is None:
        row = PostingAddress(member_id=member_id, album_id=album_id)
        db.session.add(row)
    row.nonce, row.token_hash, row.created_at = nonce, _hash(_token(nonce)), utcnow()
    try:
        db.session.flush()
    except IntegrityError:  # the same button sent twice at once; the refusal rolls back
        raise Conflict() from None
    return row


def renew_all(member_id: int) -> int:
    """Give each of the member's posting addresses a new token (after a password change:
    whoever knew the old password may have read the addresses); return how many."""
    rows = db.session.scalars(
        select(PostingAddress).where(PostingAddress.member_id == member_id)).all()
    for row in rows:
        nonce = secrets.token_hex(16)
        row.nonce, row.token_hash, row.created_at = nonce, _hash(_token(nonce)), utcnow()
    return len(rows)
