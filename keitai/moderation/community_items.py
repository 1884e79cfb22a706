"""The items of communities: the community itself, its topics, events, their comments and
its polls (see keitai.moderation.kinds)."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import delete, select, update
from werkzeug.exceptions import HTTPException

from keitai.db import db
from keitai.domain import DomainError
from keitai.models.community import (
    ADMIN,
    Community,
    CommunityMember,
    Event,
    Poll,
    PollChoice,
    Topic,
    TopicComment,
)
from keitai.moderation.item_base import (
    About,
    Kind,
    Parts,
    author_sees,
    commented,
    fields,
    nothing,
    path,
    row_fields,
    shows,
    titled,
)
from keitai.search.indexing import changed as search_changed


def _community_about(community_id: int) -> About | None:
    community = db.session.get(Community, community_id)
    if community is None:
        return None
    return About(community.creator_id, path("communities.show", community_id=community.id),
                 community.created_at)


def _community_visible(community_id: int, viewer_id: int) -> bool:
    return db.session.get(Community, community_id) is not None


def _community_changed(community_id: int) -> None:
    search_changed("communities", community_id)


def close_community(community_id: int) -> bool:
    """Close a community as its admin would (everything in it goes); False when none."""
    from keitai.features.communities.access import community_access  # noqa: PLC0415
    from keitai.features.communities.service import close  # noqa: PLC0415
    if db.session.get(Community, community_id) is None:
        return False
    admin_id = db.session.scalar(select(CommunityMember.member_id).where(
        CommunityMember.community_id == community_id, CommunityMember.role == ADMIN))
    if admin_id is None:  # nobody runs it: the same delete without the admin's badges
        db.session.execute(delete(Community).where(Community.id == community_id))
        _community_changed(community_id)
        return True
    close(community_access(community_id, admin_id))
    return True


def _topic_about(topic_id: int) -> About | None:
    topic = db.session.get(Topic, topic_id)
    if topic is None:
        return None
    endpoint, key = (("communities.event", "event_id") if topic.kind == "event"
                     else ("communities.topic", "topic_id"))
    return About(topic.author_id, path(endpoint, **{key: topic.id}), topic.created_at)


def _topic_parts(kind: str) -> Callable[[int], Parts | None]:
    def parts(topic_id: int) -> Parts | None:
        topic = db.session.get(Topic, topic_id)
        if topic is None or topic.kind != kind:
            return None
        found: Parts = {"title": (topic, "title"), "body": (topic, "body")}
        event = db.session.get(Event, topic_id) if kind == "event" else None
        if event is not None:
            found["place"] = (event, "place")
        return found
    return parts


def _topic_visible(topic_id: int, viewer_id: int) -> bool:
    from keitai.features.communities.topics import readable_topic  # noqa: PLC0415
    return shows(lambda: readable_topic(topic_id, viewer_id))


def _topic_changed(topic_id: int) -> None:
    search_changed("topics", topic_id)


def remove_topic(topic_id: int) -> bool:
    """Delete a topic or event with its comments, as its writer would; False when none."""
    from keitai.features.communities.topics import delete_topic  # noqa: PLC0415
    topic = db.session.get(Topic, topic_id)
    if topic is None:
        return False
    try:  # the feature's delete, when its writer still reads it
        if topic.author_id is not None:
            delete_topic(topic_id, topic.author_id)
            return True
    except (DomainError, HTTPException):
        pass
    db.session.execute(delete(Topic).where(Topic.id == topic_id))
    _topic_changed(topic_id)
    return True


def _topic_comment_about(comment_id: int) -> About | None:
    row = db.session.execute(
        select(TopicComment.author_id, TopicComment.number, TopicComment.created_at,
               TopicComment.topic_id, Topic.title)
        .join(Topic, Topic.id == TopicComment.topic_id)
        .where(TopicComment.id == comment_id)).first()
    if row is None:
        return None
    topic = _topic_about(row.topic_id)
    return About(row.author_id, topic.url if topic else None, row.created_at,
                 f"「{row.title}」の[{row.number}]")


def _topic_comment_parts(comment_id: int) -> Parts | None:
    comment = db.session.get(TopicComment, comment_id)
    return None if comment is None or comment.deleted else fields(comment, "body")


def _topic_comment_visible(comment_id: int, viewer_id: int) -> bool:
    comment = db.session.get(TopicComment, comment_id)
    return (comment is not None and not comment.deleted
            and _topic_visible(comment.topic_id, viewer_id)
            and author_sees(viewer_id, comment.author_id))


def remove_topic_comment(comment_id: int) -> bool:
    """Delete a topic comment as a manager would: its number stays, marked deleted."""
    result = db.session.execute(
        update(TopicComment).where(TopicComment.id == comment_id,
                                   TopicComment.deleted.is_(False))
        .values(deleted=True, body="").execution_options(synchronize_session=False))
    return bool(getattr(result, "rowcount", 0))


def _poll_parts(poll_id: int) -> Parts | None:
    poll = db.session.get(Poll, poll_id)
    if poll is None:
        return None
    parts: Parts = {"question": (poll, "question")}
    for choice in db.session.scalars(select(PollChoice).where(PollChoice.poll_id == poll_id)
                                     .order_by(PollChoice.position)):
        parts[f"choice:{choice.position}"] = (choice, "label")
    return parts


def _poll_words(values: dict[str, str], _context: str) -> tuple[str, str]:
    return values.get("question", ""), "\n".join(
        value for key, value in values.items() if key.startswith("choice:"))


def _poll_about(poll_id: int) -> About | None:
    poll = db.session.get(Poll, poll_id)
    if poll is None:
        return None
    return About(poll.author_id, path("communities.poll", poll_id=poll.id), poll.created_at)


def _poll_visible(poll_id: int, viewer_id: int) -> bool:
    from keitai.features.communities.polls import readable_poll  # noqa: PLC0415
    return shows(lambda: readable_poll(poll_id, viewer_id))


def remove_poll(poll_id: int) -> bool:
    """Delete a poll with its choices and votes; False when there was none."""
    result = db.session.execute(delete(Poll).where(Poll.id == poll_id))
    return bool(getattr(result, "rowcount", 0))


KINDS: dict[str, Kind] = {
    "community": Kind("コミュニティ", row_fields(Community, "name", "description"), titled,
                      _community_about, _community_visible, _community_changed,
                      close_community),
    "topic": Kind("トピック", _topic_parts("topic"), titled, _topic_about, _topic_visible,
                  _topic_changed, remove_topic),
    "topic_comment": Kind("トピックのコメント", _topic_comment_parts, commented,
                          _topic_comment_about, _topic_comment_visible, nothing,
                          remove_topic_comment),
    "event": Kind("イベント", _topic_parts("event"), titled, _topic_about, _topic_visible,
                  _topic_changed, remove_topic),
    "poll": Kind("アンケート", _poll_parts, _poll_words, _poll_about, _poll_visible,
                 nothing, remove_poll),
}
