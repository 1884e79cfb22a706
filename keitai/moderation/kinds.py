"""The kinds of item members write, one small record each (keitai.moderation.item_base.Kind):
the people's items here, the communities' in keitai.moderation.community_items."""
from __future__ import annotations

from sqlalchemy import delete, exists, select, update

from keitai import hot
from keitai.db import db
from keitai.models.album import Picture, PictureComment
from keitai.models.diary import Comment, Diary
from keitai.models.endorsement import Endorsement
from keitai.models.member import Member
from keitai.models.message import Message
from keitai.models.profile import Profile, ProfileField
from keitai.models.video import Video
from keitai.moderation import community_items, review_items
from keitai.moderation.item_base import (
    About,
    Kind,
    Parts,
    author_sees,
    commented,
    nothing,
    path,
    row_fields,
    shows,
    titled,
)
from keitai.search.indexing import changed as search_changed

__all__ = ["KINDS", "REGISTRY", "About", "Kind", "Parts"]

KINDS = ("profile", "diary", "diary_comment", "message", "picture", "picture_comment",
         "community", "topic", "topic_comment", "event", "poll", "video", "endorsement",
         "review")


# profile ------------------------------------------------------------------------------

def _profile_parts(member_id: int) -> Parts | None:
    from keitai.features.profile.fields import BY_NAME, TEXT  # noqa: PLC0415
    if db.session.get(Member, member_id) is None:
        return None
    parts: Parts = {}
    profile = db.session.get(Profile, member_id)
    if profile is not None:
        parts["introduction"] = (profile, "introduction")
    for field in db.session.scalars(select(ProfileField).where(
            ProfileField.member_id == member_id).order_by(ProfileField.name)):
        spec = BY_NAME.get(field.name)
        if spec is not None and spec.kind == TEXT:
            parts[f"field:{field.name}"] = (field, "value")
    return parts


def _profile_words(values: dict[str, str], nickname: str) -> tuple[str, str]:
    from keitai.features.profile.fields import BY_NAME  # noqa: PLC0415
    lines = [values.get("introduction", "")]
    lines += [f"{BY_NAME[key[6:]].label}: {value}" for key, value in values.items()
              if key.startswith("field:") and key[6:] in BY_NAME]
    return nickname, "\n".join(line for line in lines if line)


def _profile_about(member_id: int) -> About | None:
    member = db.session.get(Member, member_id)
    if member is None:
        return None
    return About(member.id, path("profile.show", member_id=member.id), member.created_at,
                 member.nickname)


def _profile_visible(member_id: int, viewer_id: int) -> bool:
    from keitai.features.social import visible_member  # noqa: PLC0415
    return shows(lambda: visible_member(member_id, viewer_id))


def _profile_changed(member_id: int) -> None:
    search_changed("members", member_id)


def _profile_remove(member_id: int) -> bool:
    from keitai.features.profile.fields import BY_NAME, TEXT  # noqa: PLC0415
    if db.session.get(Member, member_id) is None:
        return False
    db.session.execute(update(Profile).where(Profile.member_id == member_id)
                       .values(introduction="").execution_options(synchronize_session=False))
    texts = [name for name, spec in BY_NAME.items() if spec.kind == TEXT]
    db.session.execute(delete(ProfileField).where(
        ProfileField.member_id == member_id, ProfileField.name.in_(texts)))
    _profile_changed(member_id)
    return True


# diaries and their comments -------------------------------------------------------------

def _diary_about(diary_id: int) -> About | None:
    diary = db.session.get(Diary, diary_id)
    if diary is None:
        return None
    return About(diary.author_id, path("diary.show", diary_id=diary.id), diary.created_at)


def _diary_visible(diary_id: int, viewer_id: int) -> bool:
    from keitai.features.diary.queries import visible_diary  # noqa: PLC0415
    return visible_diary(diary_id, viewer_id) is not None


def _diary_changed(diary_id: int) -> None:
    from keitai.features.diary import feed  # noqa: PLC0415
    search_changed("diaries", diary_id)
    diary = db.session.get(Diary, diary_id)
    if diary is not None:  # the title in the friends' feeds
        hot.feed_changed(feed.diary_written(diary.author_id, None, diary.visibility))


def _diary_remove(diary_id: int) -> bool:
    from keitai.features.diary.service import delete_diary  # noqa: PLC0415
    author_id = db.session.scalar(select(Diary.author_id).where(Diary.id == diary_id))
    return author_id is not None and delete_diary(diary_id, author_id)


def _comment_about(comment_id: int) -> About | None:
    row = db.session.execute(
        select(Comment.author_id, Comment.diary_id, Comment.created_at, Diary.title)
        .join(Diary, Diary.id == Comment.diary_id).where(Comment.id == comment_id)).first()
    if row is None:
        return None
    return About(row.author_id, path("diary.show", diary_id=row.diary_id), row.created_at,
                 f"日記「{row.title}」へのコメント")


def _comment_visible(comment_id: int, viewer_id: int) -> bool:
    comment = db.session.get(Comment, comment_id)
    return (comment is not None and _diary_visible(comment.diary_id, viewer_id)
            and author_sees(viewer_id, comment.author_id))


def _comment_remove(comment_id: int) -> bool:
    from keitai.features.diary.service import delete_comment  # noqa: PLC0415
    comment = db.session.get(Comment, comment_id)
    return comment is not None and delete_comment(comment.diary_id, comment.id,
                                                  comment.author_id)


# mini mail ------------------------------------------------------------------------------

def _message_about(message_id: int) -> About | None:
    message = db.session.get(Message, message_id)
    if message is None:
        return None
    return About(message.sender_id, path("messages.show", message_id=message.id),
                 message.created_at)


def _message_visible(message_id: int, viewer_id: int) -> bool:
    """Only its recipient reports a message (the operator then reads that one message)."""
    return bool(db.session.scalar(select(exists().where(
        Message.id == message_id, Message.recipient_id == viewer_id,
        Message.recipient_deleted.is_(False)))))


def _message_remove(message_id: int) -> bool:
    from keitai.features.messages.service import delete_copy  # noqa: PLC0415
    message = db.session.get(Message, message_id)
    if message is None:
        return False
    sender_id, recipient_id = message.sender_id, message.recipient_id
    db.session.expunge(message)
    delete_copy(message_id, sender_id)
    delete_copy(message_id, recipient_id)
    # a copy one of them had deleted already leaves the row to go here
    db.session.execute(delete(Message).where(Message.id == message_id))
    hot.news_changed(recipient_id)
    return True


# pictures and their comments ------------------------------------------------------------

def _picture_about(picture_id: int) -> About | None:
    picture = db.session.get(Picture, picture_id)
    if picture is None:
        return None
    return About(picture.owner_id, path("albums.photo", picture_id=picture.id),
                 picture.created_at)


def _picture_visible(picture_id: int, viewer_id: int) -> bool:
    from keitai.features.albums.pictures import visible_picture  # noqa: PLC0415
    return shows(lambda: visible_picture(picture_id, viewer_id))


def _picture_remove(picture_id: int) -> bool:
    from keitai.features.albums.pictures import delete_picture  # noqa: PLC0415
    owner_id = db.session.scalar(select(Picture.owner_id).where(Picture.id == picture_id))
    if owner_id is None:
        return False
    delete_picture(picture_id, owner_id)
    return True


def _picture_comment_about(comment_id: int) -> About | None:
    comment = db.session.get(PictureComment, comment_id)
    if comment is None:
        return None
    return About(comment.author_id, path("albums.photo", picture_id=comment.picture_id),
                 comment.created_at, "写真へのコメント")


def _picture_comment_visible(comment_id: int, viewer_id: int) -> bool:
    comment = db.session.get(PictureComment, comment_id)
    return (comment is not None and _picture_visible(comment.picture_id, viewer_id)
            and author_sees(viewer_id, comment.author_id))


def _picture_comment_remove(comment_id: int) -> bool:
    from keitai.features.albums.comments import delete_comment  # noqa: PLC0415
    comment = db.session.get(PictureComment, comment_id)
    return comment is not None and delete_comment(comment.picture_id, comment.id,
                                                  comment.author_id)


def _picture_words(values: dict[str, str], _context: str) -> tuple[str, str]:
    return values.get("caption") or "写真", values.get("caption", "")


# videos ---------------------------------------------------------------------------------

def _video_about(video_id: int) -> About | None:
    video = db.session.get(Video, video_id)
    if video is None:
        return None
    return About(video.owner_id, path("videos.show", video_id=video.id), video.created_at)


def _video_visible(video_id: int, viewer_id: int) -> bool:
    from keitai.features.videos.queries import visible_video  # noqa: PLC0415
    return visible_video(video_id, viewer_id) is not None


def _video_words(values: dict[str, str], _context: str) -> tuple[str, str]:
    return values.get("title", ""), ""


def _video_remove(video_id: int) -> bool:
    from keitai.features.videos.service import delete_video  # noqa: PLC0415
    owner_id = db.session.scalar(select(Video.owner_id).where(Video.id == video_id))
    return owner_id is not None and delete_video(video_id, owner_id)


# endorsements (紹介文) --------------------------------------------------------------------

def _endorsement_about(endorsement_id: int) -> About | None:
    row = db.session.execute(
        select(Endorsement.author_id, Endorsement.subject_id, Endorsement.created_at,
               Member.nickname)
        .join(Member, Member.id == Endorsement.subject_id)
        .where(Endorsement.id == endorsement_id)).first()
    if row is None:
        return None
    return About(row.author_id, path("endorsements.index", member_id=row.subject_id),
                 row.created_at, f"{row.nickname}さんの紹介文")


def _endorsement_words(values: dict[str, str], context: str) -> tuple[str, str]:
    return context, f"関係: {values.get('relation', '')}\n{values.get('body', '')}"


def _endorsement_visible(endorsement_id: int, viewer_id: int) -> bool:
    """Seen where the endorsements page lists it (one its subject hid: by them and its
    author only)."""
    from keitai.features.endorsements.queries import about  # noqa: PLC0415
    from keitai.features.social import visible_member  # noqa: PLC0415
    subject_id = db.session.scalar(select(Endorsement.subject_id).where(
        Endorsement.id == endorsement_id))
    if subject_id is None or not shows(lambda: visible_member(subject_id, viewer_id)):
        return False
    listed = about(subject_id, viewer_id).where(Endorsement.id == endorsement_id)
    return db.session.execute(listed.limit(1)).first() is not None


def _endorsement_remove(endorsement_id: int) -> bool:
    from keitai.features.endorsements.service import delete_own  # noqa: PLC0415
    endorsement = db.session.get(Endorsement, endorsement_id)
    if endorsement is None:
        return False
    author_id, subject_id = endorsement.author_id, endorsement.subject_id
    db.session.expunge(endorsement)
    delete_own(author_id, subject_id)
    return True


REGISTRY: dict[str, Kind] = {
    "profile": Kind("プロフィール", _profile_parts, _profile_words, _profile_about,
                    _profile_visible, _profile_changed, _profile_remove),
    "diary": Kind("日記", row_fields(Diary, "title", "body"), titled, _diary_about,
                  _diary_visible, _diary_changed, _diary_remove),
    "diary_comment": Kind("日記のコメント", row_fields(Comment, "body"), commented,
                          _comment_about, _comment_visible, nothing, _comment_remove),
    "message": Kind("ミニメール", row_fields(Message, "subject", "body"), titled, _message_about,
                    _message_visible, nothing, _message_remove),
    "picture": Kind("写真", row_fields(Picture, "caption"), _picture_words, _picture_about,
                    _picture_visible, nothing, _picture_remove),
    "picture_comment": Kind("写真のコメント", row_fields(PictureComment, "body"), commented,
                            _picture_comment_about, _picture_comment_visible, nothing,
                            _picture_comment_remove),
    **community_items.KINDS,
    "video": Kind("動画", row_fields(Video, "title"), _video_words, _video_about,
                  _video_visible, nothing, _video_remove),
    "endorsement": Kind("紹介文", row_fields(Endorsement, "relation", "body"),
                        _endorsement_words, _endorsement_about, _endorsement_visible,
                        nothing, _endorsement_remove),
    **review_items.KINDS,
}
assert tuple(REGISTRY) == KINDS
