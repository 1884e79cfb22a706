"""Pictures: store an upload in an album or a diary, decide who sees one, serve its variants.

An upload is checked by its content and normalised once, as a profile photo is
(keitai.features.profile.images: JPEG, GIF or PNG, upright, no metadata, at most 640 pixels
a side); the variants each kind of handset is served are made by the worker
(keitai.features.albums.jobs), never in the request. A picture in an album is seen by whoever
may see the album (keitai.privacy.can_see with its visibility, blocks either way); one in a
diary by whoever may read the diary. Image addresses are signed for the viewer like a profile
photo's (keitai.features.profile.photo_links), under a name of their own ("picture/<key>")
so that no signature for another kind of photo opens a picture; the image route still asks
the database whether that viewer may see the picture now.
"""
from __future__ import annotations

import secrets
from typing import Any

from flask import g, url_for
from sqlalchemy import ColumnElement, and_, exists, func, literal, or_, select, update

from keitai import jobs
from keitai.db import db
from keitai.domain import DomainError, NotFound, checked_text
from keitai.features.albums import quota, variants
from keitai.features.albums.service import own_album
from keitai.features.profile import images
from keitai.features.profile.photo_views import signed_query
from keitai.models.album import CAPTION_LENGTH, Album, Picture, PictureVariant
from keitai.models.base import utcnow
from keitai.models.diary import Diary
from keitai.models.member import Member
from keitai.moderation.hidden import refuse_if_hidden
from keitai.privacy import can_see
from keitai.upsert import dialect_insert, insert_ignore

#: the job that makes a new picture's variants
VARIANTS_JOB = "pictures.variants"
#: photos a diary may carry (mixi had three)
DIARY_PICTURES = 3


class PictureNotFound(NotFound):
    """No such picture, or the member may not see it."""

    default_message = "写真が見つからないか、公開されていません。"


class DiaryNotOwned(NotFound):
    """A diary the member did not write (or no such diary)."""

    default_message = "日記が見つからないか、自分の日記ではありません。"


class DiaryFull(DomainError):
    """The diary carries as many photos as it may."""

    default_message = f"日記に付けられる写真は{DIARY_PICTURES}枚までです。"


def signed_name(key: str) -> str:
    """Return what a picture address's signature covers in place of the bare key."""
    return f"picture/{key}"


def visible(viewer: Any) -> ColumnElement[bool]:
    """Return a WHERE expression on Picture: the viewer (an id or a parameter) may see it.

    In an album: the album's visibility, blocks either way (keitai.privacy.can_see); in a
    diary: the diary's; neither: its owner alone.
    """
    viewer = literal(viewer) if isinstance(viewer, int) else viewer
    # correlated with the picture only: a page may join the album or diary beside it
    in_album = exists().where(Album.id == Picture.album_id,
                              can_see(Album.owner_id, Album.visibility, viewer)
                              ).correlate(Picture)
    in_diary = exists().where(Diary.id == Picture.diary_id,
                              can_see(Diary.author_id, Diary.visibility, viewer)
                              ).correlate(Picture)
    return or_(Picture.owner_id == viewer, in_album, in_diary)


def clean_caption(caption: str) -> str:
    """Return a caption as stored (one line); DomainError when it is too long."""
    return checked_text("説明", " ".join(caption.split()), CAPTION_LENGTH, required=False)


def _check_diary(diary_id: int, owner_id: int) -> None:
    """Refuse a diary the owner did not write, one an operator hides, or one that carries
    DIARY_PICTURES photos."""
    diary = db.session.execute(select(Diary.author_id, Diary.created_at)
                               .where(Diary.id == diary_id)).first()
    if diary is None or diary.author_id != owner_id:
        raise DiaryNotOwned()
    refuse_if_hidden("diary", diary_id, diary.created_at)
    carried = db.session.scalar(select(func.count()).where(Picture.diary_id == diary_id))
    if (carried or 0) >= DIARY_PICTURES:
        raise DiaryFull()


def add_picture(owner_id: int, upload: bytes, *, album_id: int | None = None,
                diary_id: int | None = None, caption: str = "", key: str | None = None) -> int:
    """Store an upload in the owner's album (or diary); return the picture's id.

    Checks the album or diary is the owner's, the diary's photo count, the owner's quota
    (QuotaExceeded), that the upload is an image (DomainError with images.NOT_AN_IMAGE or
    TOO_LARGE); adds the row and the job that makes its variants, in the caller's unit of
    work. key, an upload form's one-time key, makes a second send of that form store nothing
    and answer with the picture the first one stored. Never commits.
    """
    if (album_id is None) == (diary_id is None):
        raise ValueError("a picture goes into one album or one diary")
    if key is not None:
        sent = db.session.scalar(select(Picture.id).where(Picture.owner_id == owner_id,
                                                          Picture.submit_key == key))
        if sent is not None:
            return int(sent)
    album = own_album(album_id, owner_id) if album_id is not None else None
    if diary_id is not None:
        _check_diary(diary_id, owner_id)
    caption = clean_caption(caption)
    stored = images.normalise(upload)
    # two uploads of one member at once: the second waits here, then counts the first
    db.session.execute(select(Member.id).where(Member.id == owner_id).with_for_update())
    quota.check_room(owner_id, len(stored.data))
    now = utcnow()
    picture_id = db.session.scalar(
        dialect_insert(Picture).values(
            owner_id=owner_id, album_id=album_id, diary_id=diary_id,
            key=secrets.token_hex(16), caption=caption, content_type=stored.content_type,
            data=stored.data, width=stored.width, height=stored.height,
            size_bytes=len(stored.data), created_at=now, submit_key=key)
        .on_conflict_do_nothing(index_elements=["owner_id", "submit_key"])
        .returning(Picture.id))
    if picture_id is None:  # the same form, sent twice at once: the first one stands
        found = db.session.scalar(select(Picture.id).where(Picture.owner_id == owner_id,
                                                           Picture.submit_key == key))
        assert found is not None
        return int(found)
    if album is not None:
        db.session.execute(update(Album).where(Album.id == album.id).values(
            picture_count=Album.picture_count + 1, updated_at=now)
            .execution_options(synchronize_session=False))
    jobs.enqueue(VARIANTS_JOB, {"picture_id": int(picture_id)})
    return int(picture_id)


def make_variants(picture_id: int, names: frozenset[str] | set[str]) -> int:
    """Make the picture's variants of these names that are not made yet; return how many
    were added (0 when the picture is gone). Safe to run twice: insert-ignore."""
    master = db.session.scalar(select(Picture.data).where(Picture.id == picture_id))
    if master is None:
        return 0
    made = set(db.session.scalars(select(PictureVariant.variant)
                                  .where(PictureVariant.picture_id == picture_id)))
    rows = []
    for name in sorted(set(names) - made):
        parsed = images.parse_variant(name)
        if parsed is None:
            continue
        fmt, gray, width = parsed
        rows.append({"picture_id": picture_id, "variant": name,
                     "content_type": images.CONTENT_TYPES[fmt],
                     "data": images.render_variant(bytes(master), fmt, gray, width),
                     "created_at": utcnow()})
    return insert_ignore(PictureVariant, rows)


def picture_variant(key: str, variant: str, viewer_id: int) -> tuple[bytes, str] | None:
    """Return (bytes, content type) of a picture's variant the viewer may see now, else None.

    A standard variant is served once the worker made it; any other is made and kept on
    its first request.
    """
    parsed = images.parse_variant(variant)
    if parsed is None:
        return None
    row = db.session.execute(
        select(Picture.id, Picture.data, PictureVariant.data.label("made"))
        .outerjoin(PictureVariant, and_(PictureVariant.picture_id == Picture.id,
                                        PictureVariant.variant == variant))
        .where(Picture.key == key, exists().where(Member.id == viewer_id),
               visible(viewer_id))).first()
    if row is None:
        return None
    content_type = images.CONTENT_TYPES[parsed[0]]
    if row.made is not None:
        return bytes(row.made), content_type
    if variant in variants.standard():
        return None  # the worker has not made it yet: the page said 準備中
    fmt, gray, width = parsed
    data = images.render_variant(bytes(row.data), fmt, gray, width)
    insert_ignore(PictureVariant, {"picture_id": row.id, "variant": variant,
                                   "content_type": content_type, "data": data,
                                   "created_at": utcnow()})
    return data, content_type


def image_url(key: str, variant: str, viewer_id: int) -> str:
    """Return the address of a picture's variant, signed for the viewer, ending in the
    extension of its format."""
    signed = signed_query(signed_name(key), variant, viewer_id)
    return url_for("albums.picture_image", key=key, name=images.file_name(variant), **signed)


def made_variants(picture_id: int, names: set[str]) -> set[str]:
    """Return which of these variants of the picture are made."""
    return set(db.session.scalars(select(PictureVariant.variant).where(
        PictureVariant.picture_id == picture_id, PictureVariant.variant.in_(names))))


def made_expr(variant: str) -> ColumnElement[bool]:
    """Return EXISTS(the picture's variant of that name is made), for a picture row."""
    return exists().where(PictureVariant.picture_id == Picture.id,
                          PictureVariant.variant == variant)


def thumbnail(row: Any, viewer_id: int, variant: str) -> dict[str, object]:
    """Return what a page needs to show a picture row (id, key, caption, made, width, height)
    as a thumbnail: its page, its image address, whether the image is ready, and its width
    and height in pixels (an <img>'s, on PCs and smartphones)."""
    width, height = images.variant_size(row.width, row.height, variant)
    return {"id": row.id, "caption": row.caption,
            "page": url_for("albums.photo", picture_id=row.id),
            "ready": variants.ready(variant, bool(row.made)),
            "url": image_url(row.key, variant, viewer_id), "width": width, "height": height}


def diary_pictures(diary_id: int, viewer_id: int) -> list[dict[str, object]]:
    """Return the diary's pictures the viewer may see, as thumbnails for this handset (see
    thumbnail), each with "inline": shown as an image, else as a link."""
    variant = variants.thumb_variant(g.handset)
    rows = db.session.execute(
        select(Picture.id, Picture.key, Picture.caption, made_expr(variant).label("made"),
               Picture.width, Picture.height)
        .where(Picture.diary_id == diary_id, visible(viewer_id))
        .order_by(Picture.id)).all()
    from keitai.features.albums.budget import thumbs_inline  # noqa: PLC0415

    inline = thumbs_inline(len(rows))
    return [{**thumbnail(row, viewer_id, variant), "inline": inline} for row in rows]


def visible_picture(picture_id: int, viewer_id: int) -> Any:
    """Return the picture row (id, key, caption, owner, album, diary, size, made) with its
    owner's nickname when the viewer may see it; PictureNotFound otherwise."""
    row = db.session.execute(
        select(Picture.id, Picture.key, Picture.caption, Picture.owner_id, Picture.album_id,
               Picture.diary_id, Picture.width, Picture.height, Picture.created_at,
               Member.nickname.label("owner_nickname"),
               Album.title.label("album_title"), Diary.title.label("diary_title"))
        .join(Member, Member.id == Picture.owner_id)
        .outerjoin(Album, Album.id == Picture.album_id)
        .outerjoin(Diary, Diary.id == Picture.diary_id)
        .where(Picture.id == picture_id, visible(viewer_id))).first()
    if row is None:
        raise PictureNotFound()
    return row


def neighbours(row: Any) -> tuple[int | None, int | None]:
    """Return the ids of the pictures before and after this one in its album or diary."""
    if row.album_id is not None:
        same = Picture.album_id == row.album_id
    elif row.diary_id is not None:
        same = Picture.diary_id == row.diary_id
    else:
        return None, None
    before = (select(func.max(Picture.id)).where(same, Picture.id < row.id)
              .scalar_subquery())
    after = (select(func.min(Picture.id)).where(same, Picture.id > row.id)
             .scalar_subquery())
    prev_id, next_id = db.session.execute(select(before, after)).one()
    return prev_id, next_id


def own_picture(picture_id: int, member_id: int) -> Picture:
    """Return the member's own picture; PictureNotFound otherwise."""
    picture = db.session.scalars(select(Picture).where(
        Picture.id == picture_id, Picture.owner_id == member_id)).first()
    if picture is None:
        raise PictureNotFound()
    return picture


def update_caption(picture: Picture, caption: str) -> None:
    """Change the caption of the member's own picture (refused while an operator hides it)."""
    refuse_if_hidden("picture", picture.id, picture.created_at)
    picture.caption = clean_caption(caption)


def delete_picture(picture_id: int, member_id: int) -> int | None:
    """Delete the member's own picture (variants and comments go with it); return its album
    id, or None when there was none or it was a diary's."""
    picture = own_picture(picture_id, member_id)
    album_id = picture.album_id
    db.session.delete(picture)
    if album_id is not None:
        db.session.execute(update(Album).where(Album.id == album_id).values(
            picture_count=Album.picture_count - 1)
            .execution_options(synchronize_session=False))
    return album_id
