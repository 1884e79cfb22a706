"""Profile photos: one per member, kept in the database so every app server serves it."""
from __future__ import annotations

import secrets

from sqlalchemy import ColumnElement, and_, delete, exists, literal, or_, select

from keitai.db import db
from keitai.features.profile import images
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.models.photo import Photo, PhotoVariant
from keitai.privacy import not_blocked
from keitai.upsert import insert_ignore


def store_photo(member_id: int, upload: bytes) -> None:
    """Make the upload the member's photo (the old one and its variants go)."""
    stored = images.normalise(upload)
    db.session.execute(delete(Photo).where(Photo.member_id == member_id))
    # the same upload sent twice at once: the first one stands, the second adds nothing
    insert_ignore(Photo, {"member_id": member_id, "key": secrets.token_hex(16),
                          "data": stored.data, "content_type": stored.content_type,
                          "width": stored.width, "height": stored.height,
                          "created_at": utcnow()})


def delete_photo(member_id: int) -> None:
    """Remove the member's photo."""
    db.session.execute(delete(Photo).where(Photo.member_id == member_id))


def may_see_photo(viewer_id: int) -> ColumnElement[bool]:
    """Return a WHERE expression on Photo: the viewer may see it as on its owner's page.

    The viewer is still a member, and no block stands between them and the owner, whoever
    blocked; the owner always sees their own.
    """
    viewer = literal(viewer_id)
    return and_(exists().where(Member.id == viewer),
                or_(Photo.member_id == viewer, not_blocked(Photo.member_id, viewer_id)))


def photo_variant(key: str, variant: str, viewer_id: int) -> tuple[bytes, str] | None:
    """Return (bytes, content type) of a photo's variant the viewer may see, else None.

    The variant is made and kept on first use.
    """
    parsed = images.parse_variant(variant)
    if parsed is None:
        return None
    row = db.session.execute(
        select(Photo.id, Photo.data, PhotoVariant.data.label("made"))
        .outerjoin(PhotoVariant, and_(PhotoVariant.photo_id == Photo.id,
                                      PhotoVariant.variant == variant))
        .where(Photo.key == key, may_see_photo(viewer_id))).first()
    if row is None:
        return None
    fmt, gray, width = parsed
    content_type = images.CONTENT_TYPES[fmt]
    if row.made is not None:
        return bytes(row.made), content_type
    data = images.render_variant(bytes(row.data), fmt, gray, width)
    insert_ignore(PhotoVariant, {"photo_id": row.id, "variant": variant,
                                 "content_type": content_type, "data": data,
                                 "created_at": utcnow()})
    return data, content_type
