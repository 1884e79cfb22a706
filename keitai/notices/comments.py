"""Who is told of a new comment: the author of what was commented on, and those who
commented on it before ("a reply to my comment").

The rule: the diary's or topic's author gets diary_comment or topic_comment; every other
member who commented on it earlier and may still read it (a diary they may see; a topic of a
community they still belong to) gets comment_reply, once per new comment. The commenter
themselves gets nothing; notify() drops those a block stands between.
"""
from __future__ import annotations

from sqlalchemy import select

from keitai.db import db
from keitai.models.community import CommunityMember, Topic, TopicComment
from keitai.models.diary import Comment, Diary
from keitai.notices import notify
from keitai.privacy import can_see

#: the earlier commenters told of one new comment, at most
MAX_REPLIES = 50


def diary_commented(diary_id: int, author_id: int | None, comment_id: int,
                    commenter_id: int) -> None:
    """Tell the diary's author and the earlier commenters of a new comment on it."""
    page: dict[str, str | int] = {"diary_id": diary_id}
    if author_id is not None:
        notify(author_id, "diary_comment", "diary.show", page, actor_id=commenter_id)
    earlier = db.session.scalars(
        select(Comment.author_id).join(Diary, Diary.id == Comment.diary_id)
        .where(Comment.diary_id == diary_id, Comment.id != comment_id,
               Comment.author_id != commenter_id, Diary.author_id != Comment.author_id,
               can_see(Diary.author_id, Diary.visibility, Comment.author_id))
        .group_by(Comment.author_id).order_by(Comment.author_id)
        .limit(MAX_REPLIES)).all()
    for member_id in earlier:
        notify(member_id, "comment_reply", "diary.show", page, actor_id=commenter_id)


def topic_commented(topic: Topic, commenter_id: int) -> None:
    """Tell the topic's (or event's) author and the earlier commenters of a new comment."""
    endpoint, key = (("communities.event", "event_id") if topic.kind == "event"
                     else ("communities.topic", "topic_id"))
    last: dict[str, str | int] = {key: topic.id, "page": "last"}
    if topic.author_id is not None:
        notify(topic.author_id, "topic_comment", endpoint, last, actor_id=commenter_id)
    earlier = db.session.scalars(
        select(TopicComment.author_id)
        .join(CommunityMember, (CommunityMember.member_id == TopicComment.author_id)
              & (CommunityMember.community_id == topic.community_id))
        .where(TopicComment.topic_id == topic.id, TopicComment.author_id != commenter_id,
               TopicComment.deleted.is_(False),
               *([TopicComment.author_id != topic.author_id] if topic.author_id else []))
        .group_by(TopicComment.author_id).order_by(TopicComment.author_id)
        .limit(MAX_REPLIES)).all()
    for member_id in earlier:
        if member_id is not None:
            notify(member_id, "comment_reply", endpoint, last, actor_id=commenter_id)
