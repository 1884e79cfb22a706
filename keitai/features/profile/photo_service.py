"""Profile photos: up to three a member (mixi had three), one of them the main one, kept in
the database so every app server serves them. The main photo is the one shown wherever the
member is shown; a member who has photos always has exactly one main photo."""
from __future__ import annotations

import secrets

from sqlalchemy import (
    ColumnElement,
    and_,
    delete,
    exists,
    func,
    literal,
    or_,
    select,
    update,
)

from keitai import hot
from keitai.db import db
from keitai.domain import DomainError
from keitai.features.profile import images
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.models.photo import PHOTO_SLOTS, Photo, PhotoVariant
from keitai.privacy import not_blocked
from keitai.upsert import insert_ignore

NO_FREE_SLOT = (f"写真は{PHOTO_SLOTS}枚まで登録できます。"
                "どれかを削除してから送ってください。")


def member_photos(member_id: int) -> list[Photo]:
    """Return the member's photos by slot."""
    return list(db.session.scalars(select(Photo).where(Photo.member_id == member_id)
                                   .order_by(Photo.slot)))


def store_photo(member_id: int, upload: bytes, slot: int | None = None) -> int:
    """Store the upload as one of the member's photos; return its slot.

    Into slot (the photo there and its variants go), else the first free slot; refused
    with NO_FREE_SLOT when all are taken. The first photo a member has is the main one,
    and a photo that replaces the main one is the main one.
    """
    stored = images.normalise(upload)
    taken = {photo.slot: photo for photo in member_photos(member_id)}
    if slot is None:
        free = [number for number in range(1, PHOTO_SLOTS + 1) if number not in taken]
        if not free:
            raise DomainError(NO_FREE_SLOT)
        slot = free[0]
    if not 1 <= slot <= PHOTO_SLOTS:
        raise DomainError(NO_FREE_SLOT)
    replaced = taken.get(slot)
    main = replaced.is_main if replaced is not None else not any(
        photo.is_main for photo in taken.values())
    if replaced is not None:
        db.session.execute(delete(Photo).where(Photo.id == replaced.id))
    # the same upload sent twice at once: the first one stands, the second adds nothing
    insert_ignore(Photo, {"member_id": member_id, "slot": slot, "is_main": main,
                          "key": secrets.token_hex(16), "data": stored.data,
                          "content_type": stored.content_type, "width": stored.width,
                          "height": stored.height, "created_at": utcnow()})
    hot.layout_changed(member_id)  # the layout shows the main photo
    return slot


def set_main(member_id: int, slot: int) -> bool:
    """Make the member's photo in slot the main one; return False when the slot is empty."""
    if db.session.scalar(select(Photo.id).where(Photo.member_id == member_id,
                                                Photo.slot == slot)) is None:
        return False
    # the old main one first: at most one main photo a member, at every statement
    db.session.execute(update(Photo).where(Photo.member_id == member_id, Photo.is_main)
                       .values(is_main=False).execution_options(synchronize_session=False))
    db.session.execute(update(Photo).where(Photo.member_id == member_id, Photo.slot == slot)
                       .values(is_main=True).execution_options(synchronize_session=False))
    hot.layout_changed(member_id)
    return True


def delete_photo(member_id: int, slot: int | None = None) -> None:
    """Remove one of the member's photos (the main one when no slot is named); when the main
    one goes, the photo in the lowest slot left becomes the main one."""
    where = Photo.slot == slot if slot is not None else Photo.is_main
    db.session.execute(delete(Photo).where(Photo.member_id == member_id, where))
    hot.layout_changed(member_id)
    if db.session.scalar(select(Photo.id).where(Photo.member_id == member_id,
                                                Photo.is_main)) is None:
        first = db.session.scalar(select(func.min(Photo.slot))
                                  .where(Photo.member_id == member_id))
        if first is not None:
            set_main(member_id, int(first))


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
