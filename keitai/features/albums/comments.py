"""Comments on a picture: written by whoever may see it, deleted by their author or the
picture's owner. One comment per form, however often it is sent (keitai.submit_keys)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import delete, exists, or_, select
from sqlalchemy.exc import IntegrityError

from keitai.db import db
from keitai.domain import NotFound, checked_text
from keitai.features.albums.pictures import PictureNotFound, visible
from keitai.models.album import Picture, PictureComment
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.submit_keys import insert_once

COMMENT_MAX = 1000


class CommentNotFound(NotFound):
    """No such comment, or not one the member may delete."""

    default_message = "コメントが見つからないか、削除できないコメントです。"


def add_comment(picture_id: int, member_id: int, body: str, key: str) -> int:
    """Comment on a picture the member may see (once per form key); return the comment's id."""
    seen = db.session.scalar(select(Picture.id).where(Picture.id == picture_id,
                                                      visible(member_id)))
    if seen is None:
        raise PictureNotFound()
    body = body.strip()
    checked_text("コメント", body, COMMENT_MAX)
    try:
        return insert_once(PictureComment, "author_id", {
            "picture_id": picture_id, "author_id": member_id, "body": body,
            "created_at": utcnow(), "submit_key": key})
    except IntegrityError:  # the picture was deleted meanwhile (the unit is rolled back)
        raise PictureNotFound() from None


def comment_for_delete(picture_id: int, comment_id: int, member_id: int) -> Any:
    """Return (PictureComment, author nickname) when the member wrote it or owns the picture;
    CommentNotFound otherwise."""
    found = db.session.execute(
        select(PictureComment, Member.nickname.label("author_nickname"))
        .join(Picture, Picture.id == PictureComment.picture_id)
        .join(Member, Member.id == PictureComment.author_id)
        .where(PictureComment.id == comment_id, PictureComment.picture_id == picture_id,
               or_(PictureComment.author_id == member_id, Picture.owner_id == member_id))
    ).first()
    if found is None:
        raise CommentNotFound()
    return found


def delete_comment(picture_id: int, comment_id: int, member_id: int) -> bool:
    """Delete a comment by the member or on the member's picture; False when none went."""
    own_picture = exists().where(Picture.id == PictureComment.picture_id,
                                 Picture.owner_id == member_id)
    result = db.session.execute(delete(PictureComment).where(
        PictureComment.id == comment_id, PictureComment.picture_id == picture_id,
        or_(PictureComment.author_id == member_id, own_picture)))
    return bool(getattr(result, "rowcount", 0))
