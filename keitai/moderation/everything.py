"""Delete everything a member wrote (an operator's act against a spammer or a troll).

The member stays (a suspension or a ban is another act): their diaries, comments, pictures
and albums, videos, sent mini mail, topics, events, topic comments, polls, the endorsements
(紹介文) they wrote of others and the words of their profile go, each through its
feature's delete, and their reviews (レビュー). A community they run passes on the way it
does when its admin withdraws (to the
longest-serving sub-admin, else the longest member, who becomes its admin) and the
member stays in it as a plain member; one nobody else belongs to closes. Communities are not
deleted for their members' sake: an operator deletes one that is itself abuse with
keitai.moderation.items.delete("community", id).
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select

from keitai.db import db
from keitai.models.album import Album, Picture, PictureComment
from keitai.models.community import (
    ADMIN,
    SUB_ADMIN,
    CommunityMember,
    Poll,
    Topic,
    TopicComment,
)
from keitai.models.diary import Comment, Diary
from keitai.models.endorsement import Endorsement
from keitai.models.message import Message
from keitai.models.report import HiddenItem
from keitai.models.review import Review
from keitai.models.video import Video
from keitai.moderation import kinds


def _forget_hidden(kind: str, ids: Iterable[int]) -> None:
    """Drop the hidden marks of deleted items (an id a later item reuses is not hidden)."""
    ids = list(ids)
    if ids:
        db.session.execute(delete(HiddenItem).where(HiddenItem.kind == kind,
                                                    HiddenItem.item_id.in_(ids)))


def _each(kind: str, ids: list[int]) -> int:
    """Delete each item of a kind through the registry; return how many went."""
    remove = kinds.REGISTRY[kind].remove
    gone = [item_id for item_id in ids if remove(item_id)]
    _forget_hidden(kind, gone)
    return len(gone)


def _ids(statement: object) -> list[int]:
    return [int(item_id) for item_id in db.session.scalars(statement)]  # type: ignore[call-overload]


def _pass_on_communities(member_id: int) -> int:
    """Hand each community the member runs to the next in line; close one nobody else is
    in. Return how many closed."""
    from keitai.features.communities.access import community_access  # noqa: PLC0415
    from keitai.features.communities.service import hand_over  # noqa: PLC0415
    closed = 0
    for community_id in _ids(select(CommunityMember.community_id).where(
            CommunityMember.member_id == member_id, CommunityMember.role == ADMIN)):
        successor = db.session.scalar(
            select(CommunityMember.member_id)
            .where(CommunityMember.community_id == community_id,
                   CommunityMember.member_id != member_id)
            .order_by((CommunityMember.role == SUB_ADMIN).desc(), CommunityMember.seq)
            .limit(1))
        if successor is None:
            closed += _each("community", [community_id])
        else:
            hand_over(community_access(community_id, member_id), member_id, successor)
    return closed


def _sent_messages(member_id: int) -> int:
    ids = _ids(select(Message.id).where(Message.sender_id == member_id))
    return _each("message", ids)


def _albums(member_id: int) -> int:
    from keitai.features.albums.service import delete_album  # noqa: PLC0415
    ids = _ids(select(Album.id).where(Album.owner_id == member_id))
    return sum(1 for album_id in ids if delete_album(album_id, member_id))


def delete_everything_by(member_id: int) -> int:
    """Delete every item the member wrote, in the caller's unit of work; return how many
    items went (comments under their diaries and pictures go with them uncounted)."""
    count = _pass_on_communities(member_id)
    # comments first: a diary or picture that goes takes its comments along
    count += _each("diary_comment", _ids(select(Comment.id).where(
        Comment.author_id == member_id)))
    count += _each("picture_comment", _ids(select(PictureComment.id).where(
        PictureComment.author_id == member_id)))
    count += _each("topic_comment", _ids(select(TopicComment.id).where(
        TopicComment.author_id == member_id, TopicComment.deleted.is_(False))))
    count += _each("picture", _ids(select(Picture.id).where(Picture.owner_id == member_id)))
    count += _albums(member_id)
    count += _each("diary", _ids(select(Diary.id).where(Diary.author_id == member_id)))
    count += _each("poll", _ids(select(Poll.id).where(Poll.author_id == member_id)))
    topics = list(db.session.execute(select(Topic.id, Topic.kind).where(
        Topic.author_id == member_id)))
    count += _each("topic", [row.id for row in topics if row.kind == "topic"])
    count += _each("event", [row.id for row in topics if row.kind == "event"])
    count += _sent_messages(member_id)
    count += _each("video", _ids(select(Video.id).where(Video.owner_id == member_id)))
    count += _each("endorsement", _ids(select(Endorsement.id).where(
        Endorsement.author_id == member_id)))
    count += _each("review", _ids(select(Review.id).where(Review.author_id == member_id)))
    profile = kinds.REGISTRY["profile"].parts(member_id) or {}
    if any(getattr(row, attr) for row, attr in profile.values()):
        count += _each("profile", [member_id])
    _forget_hidden("profile", [member_id])
    return count
