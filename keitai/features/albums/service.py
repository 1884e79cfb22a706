"""Album writes: create, edit and delete a member's albums. Services never commit."""
from __future__ import annotations

from sqlalchemy import delete, select

from keitai.db import db
from keitai.domain import NotAllowed, NotFound, checked_text
from keitai.models.album import ALBUM_TITLE_LENGTH, Album
from keitai.models.base import utcnow
from keitai.privacy import Visibility, can_see
from keitai.submit_keys import insert_once

TITLE_MAX = ALBUM_TITLE_LENGTH
DESCRIPTION_MAX = 500
#: what a new album's visibility is when the form names none
DEFAULT_VISIBILITY = Visibility.EVERYONE


class AlbumNotFound(NotFound):
    """No such album, or the member may not see it (the two look alike on purpose)."""

    default_message = "アルバムが見つからないか、公開されていません。"


class NotYourAlbum(NotAllowed):
    """Only the owner adds to, edits or deletes an album."""

    default_message = "自分のアルバムだけ編集・削除できます。"


def clean_album(title: str, description: str) -> tuple[str, str]:
    """Return the title and description as stored; DomainError when too long or no title."""
    title = " ".join(title.split())
    description = description.strip()
    checked_text("タイトル", title, TITLE_MAX)
    checked_text("説明", description, DESCRIPTION_MAX, required=False)
    return title, description


def create_album(owner_id: int, title: str, description: str, visibility: str,
                 key: str) -> int:
    """Make an album (once per form key); return its id."""
    title, description = clean_album(title, description)
    now = utcnow()
    return insert_once(Album, "owner_id", {
        "owner_id": owner_id, "title": title, "description": description,
        "visibility": Visibility.parse(visibility, DEFAULT_VISIBILITY).value,
        "picture_count": 0, "created_at": now, "updated_at": now, "submit_key": key})


def own_album(album_id: int, member_id: int) -> Album:
    """Return the member's own album; AlbumNotFound when it is not theirs (or not there)."""
    album = db.session.scalars(
        select(Album).where(Album.id == album_id, Album.owner_id == member_id)).first()
    if album is None:
        raise AlbumNotFound()
    return album


def own_album_or_refuse(album_id: int, member_id: int) -> Album:
    """Return the member's own album; refuse one they only see, hide one they cannot."""
    album = db.session.scalars(select(Album).where(Album.id == album_id)).first()
    if album is not None and album.owner_id == member_id:
        return album
    if album is not None and db.session.scalar(
            select(can_see(Album.owner_id, Album.visibility, member_id))
            .where(Album.id == album_id)):
        raise NotYourAlbum()
    raise AlbumNotFound()


def update_album(album: Album, title: str, description: str, visibility: str) -> None:
    """Change the member's own album."""
    album.title, album.description = clean_album(title, description)
    album.visibility = Visibility.parse(visibility, Visibility(album.visibility)).value
    album.updated_at = utcnow()


def delete_album(album_id: int, member_id: int) -> bool:
    """Delete the member's own album with its pictures, their variants and comments (the
    database cascades); return False when there was none."""
    result = db.session.execute(
        delete(Album).where(Album.id == album_id, Album.owner_id == member_id))
    return bool(getattr(result, "rowcount", 0))
