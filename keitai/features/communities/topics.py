"""Topic writes: create a topic, comment with the next number, delete comments and topics.

A comment's number comes from the topic row: `UPDATE topics SET comment_count =
comment_count + 1 ... RETURNING` both takes the next number and locks the row until the unit
of work ends, so two comments at once on PostgreSQL get two numbers, one after the other (and
the (topic, number) unique constraint would refuse a repeat). A double submit of one form
finds its first comment once it holds the lock, and gives the number back. A deleted comment
stays as a tombstone: numbers never change and are never reused.
"""
from __future__ import annotations

from sqlalchemy import delete, select, update

from keitai.db import db
from keitai.domain import NotAllowed, NotFound, checked_text
from keitai.features.communities import queries
from keitai.features.communities.access import Access, community_access
from keitai.models.base import utcnow
from keitai.models.community import Community, Topic, TopicComment
from keitai.notices.comments import topic_commented
from keitai.search.indexing import changed
from keitai.submit_keys import insert_once

TITLE_MAX = 50
BODY_MAX = 5000
COMMENT_MAX = 1000


class TopicNotFound(NotFound):
    """No such topic, or one the member may not read (the two look alike)."""

    default_message = "トピックが見つからないか、読むことができません。"


class NotYours(NotAllowed):
    """Only the writer or the community's managers delete a topic or a comment."""

    default_message = "書いた人とコミュニティの管理人だけが削除できます。"


def clean_topic(title: str, body: str) -> tuple[str, str]:
    """Return title and body as stored; DomainError when one is empty or too long."""
    return (checked_text("タイトル", " ".join(title.split()), TITLE_MAX),
            checked_text("本文", body.strip(), BODY_MAX))


def posted(community_id: int) -> None:
    """Note that something was just written in the community (its place in my list)."""
    db.session.execute(update(Community).where(Community.id == community_id)
                       .values(posted_at=utcnow())
                       .execution_options(synchronize_session=False))


def create_topic(access: Access, author_id: int, title: str, body: str, key: str,
                 kind: str = "topic") -> int:
    """Create a topic (once per form key) where the member may; return its id."""
    access.require_creator()
    title, body = clean_topic(title, body)
    now = utcnow()
    topic_id = insert_once(Topic, "author_id", {
        "community_id": access.community.id, "author_id": author_id, "kind": kind,
        "title": title, "body": body, "comment_count": 0, "bumped_at": now,
        "created_at": now, "submit_key": key,
    })
    posted(access.community.id)
    changed("topics", topic_id)
    return topic_id


def readable_topic(topic_id: int, viewer_id: int) -> tuple[Topic, str, str, Access]:
    """Return (topic, author nickname, community name, access) of a topic the viewer may
    read; TopicNotFound otherwise (a block, members-only topics, no such topic)."""
    row = queries.topic(topic_id, viewer_id)
    if row is None:
        raise TopicNotFound()
    access = community_access(row[0].community_id, viewer_id)
    if not access.reads_topics:
        raise TopicNotFound()
    return row[0], row.author_nickname, row.community_name, access


def add_comment(topic_id: int, member_id: int, body: str, key: str) -> int:
    """Comment on a topic of a community the member belongs to; return the comment's number."""
    return comment_on(readable_topic(topic_id, member_id), member_id, body, key)


def comment_on(found: tuple[Topic, str, str, Access], member_id: int, body: str,
               key: str) -> int:
    """Comment on a topic readable_topic found for the member; return the comment's number."""
    topic, _author, _community, access = found
    access.require_member()
    body = checked_text("コメント", body.strip(), COMMENT_MAX)
    number = db.session.scalar(
        update(Topic).where(Topic.id == topic.id)
        .values(comment_count=Topic.comment_count + 1).returning(Topic.comment_count)
        .execution_options(synchronize_session=False))
    if number is None:  # deleted meanwhile
        raise TopicNotFound()
    earlier = db.session.scalar(select(TopicComment.number).where(
        TopicComment.author_id == member_id, TopicComment.submit_key == key))
    if earlier is not None:  # the same form again: we hold the row, give the number back
        db.session.execute(update(Topic).where(Topic.id == topic.id)
                           .values(comment_count=Topic.comment_count - 1)
                           .execution_options(synchronize_session=False))
        return int(earlier)
    now = utcnow()
    insert_once(TopicComment, "author_id", {
        "topic_id": topic.id, "number": number, "author_id": member_id, "body": body,
        "deleted": False, "created_at": now, "submit_key": key,
    })
    db.session.execute(update(Topic).where(Topic.id == topic.id).values(bumped_at=now)
                       .execution_options(synchronize_session=False))
    posted(topic.community_id)
    topic_commented(topic, member_id)
    return int(number)


def delete_comment(topic_id: int, number: int, member_id: int) -> bool:
    """Delete a comment (its writer's or a manager's act), leaving its number; return False
    when it was deleted already."""
    topic, _author, _community, access = readable_topic(topic_id, member_id)
    found = queries.comment(topic.id, number)
    if found is None:
        raise NotFound("コメントが見つかりません。")
    if found.author_id != member_id and not access.manages:
        raise NotYours()
    result = db.session.execute(
        update(TopicComment).where(TopicComment.id == found.id, TopicComment.deleted.is_(False))
        .values(deleted=True, body="").returning(TopicComment.id)
        .execution_options(synchronize_session=False))
    return result.first() is not None


def delete_topic(topic_id: int, member_id: int) -> int:
    """Delete a topic with its comments (its writer's or a manager's act); return the
    community's id."""
    topic, _author, _community, access = readable_topic(topic_id, member_id)
    if topic.author_id != member_id and not access.manages:
        raise NotYours()
    db.session.execute(delete(Topic).where(Topic.id == topic.id))
    changed("topics", topic.id)
    return topic.community_id
