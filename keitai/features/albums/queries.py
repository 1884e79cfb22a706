"""Album reads. Each filters by keitai.privacy.can_see in SQL and is one statement."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from keitai.db import db
from keitai.features.albums.pictures import made_expr
from keitai.features.albums.service import AlbumNotFound
from keitai.models.album import Album, Picture, PictureComment
from keitai.models.member import Member
from keitai.pagination import Page, fetch_page
from keitai.privacy import can_see, not_blocked


def member_albums(owner_id: int, viewer_id: int, number: int, per_page: int) -> Page:
    """Return a page of the owner's albums the viewer may see, newest first.

    Columns: id, title, visibility, picture_count, updated_at.
    """
    return fetch_page(
        select(Album.id, Album.title, Album.visibility, Album.picture_count,
               Album.updated_at)
        .where(Album.owner_id == owner_id, can_see(Album.owner_id, Album.visibility, viewer_id))
        .order_by(Album.created_at.desc(), Album.id.desc()), number, per_page)


def visible_album(album_id: int, viewer_id: int) -> Any:
    """Return the album with its owner's nickname when the viewer may see it; else
    AlbumNotFound."""
    row = db.session.execute(
        select(Album, Member.nickname.label("owner_nickname"))
        .join(Member, Member.id == Album.owner_id)
        .where(Album.id == album_id,
               can_see(Album.owner_id, Album.visibility, viewer_id))).first()
    if row is None:
        raise AlbumNotFound()
    return row


def album_pictures(album_id: int, variant: str, number: int, per_page: int) -> Page:
    """Return a page of an album's pictures in the order they were added, each with whether
    its variant of that name is made. For a page that found the viewer may see the album.

    Columns: id, key, caption, made, width, height (the stored picture's).
    """
    return fetch_page(
        select(Picture.id, Picture.key, Picture.caption, made_expr(variant).label("made"),
               Picture.width, Picture.height)
        .where(Picture.album_id == album_id).order_by(Picture.id), number, per_page)


def picture_comments(picture_id: int, owner_id: int, viewer_id: int, number: int,
                     per_page: int) -> Page:
    """Return a page of a picture's comments, newest first; others than its owner see none
    by a member a block stands between them and.

    Columns: id, body, created_at, author_id, author_nickname.
    """
    statement = (select(PictureComment.id, PictureComment.body, PictureComment.created_at,
                        PictureComment.author_id, Member.nickname.label("author_nickname"))
                 .join(Member, Member.id == PictureComment.author_id)
                 .where(PictureComment.picture_id == picture_id)
                 .order_by(PictureComment.created_at.desc(), PictureComment.id.desc()))
    if viewer_id != owner_id:
        statement = statement.where(not_blocked(PictureComment.author_id, viewer_id))
    return fetch_page(statement, number, per_page)
