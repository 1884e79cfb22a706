"""Report tests: members on handsets (the social fixtures) and one item of every kind, each
written by はなこ through its feature's service."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import select

from keitai import submit_keys
from keitai.db import db
from keitai.features.albums import comments as picture_comments
from keitai.features.communities import events, polls, topics
from keitai.features.communities.access import community_access
from keitai.features.diary import service as diary
from keitai.features.messages import service as messages
from keitai.features.profile import service as profile
from keitai.models import TopicComment
from keitai.models.base import utcnow
from tests.albums.conftest import make_album, make_photo
from tests.communities.factories import add_community, add_topic
from tests.social.conftest import logged_in, member  # noqa: F401

#: what はなこ wrote in each item, so that a test finds it on pages and in the search
WORDS = "らーめん最高"


@dataclass
class World:
    """The author, a reader who reports, a third member, and an item of every kind."""

    author: int
    reader: int
    other: int
    ids: dict[str, int]


def key() -> str:
    """Return a fresh form key."""
    return submit_keys.new_key()


def make_world(app: Flask, member) -> World:  # noqa: F811
    """Have はなこ write one item of every kind, たろう in her community."""
    author, reader, other = member("はなこ"), member("たろう"), member("じろう")
    album = make_album(app, author)
    picture = make_photo(app, author, album_id=album, caption=f"写真{WORDS}")
    community = add_community(app, author, f"麺の会{WORDS}", members=(reader, other),
                              description=f"説明{WORDS}")
    topic = add_topic(app, community, author, f"トピック{WORDS}", f"本文{WORDS}")
    with app.app_context():
        profile.update_introduction(author, "はなこ", f"自己紹介{WORDS}", "everyone")
        diary_id = diary.create_diary(author, f"日記{WORDS}", f"本文{WORDS}", "everyone",
                                      key())
        comment = diary.add_comment(diary_id, author, f"コメント{WORDS}", key())
        message = messages.send(author, reader, f"件名{WORDS}", f"本文{WORDS}", key())
        picture_comment = picture_comments.add_comment(picture, author, f"写真の感想{WORDS}",
                                                       key())
        access = community_access(community, author)
        number = topics.add_comment(topic, author, f"書き込み{WORDS}", key())
        topic_comment = db.session.scalar(select(TopicComment.id).where(
            TopicComment.topic_id == topic, TopicComment.number == number))
        event = events.create_event(access, author, f"オフ会{WORDS}", f"集合{WORDS}",
                                    utcnow() + timedelta(days=7), f"駅前{WORDS}", None, None,
                                    key())
        poll = polls.create_poll(access, author, f"好きな味は{WORDS}", ["醤油", "味噌"],
                                 utcnow() + timedelta(days=7), True, key())
        db.session.commit()
    assert topic_comment is not None
    return World(author, reader, other, {
        "profile": author, "diary": diary_id, "diary_comment": comment, "message": message,
        "picture": picture, "picture_comment": picture_comment, "community": community,
        "topic": topic, "topic_comment": topic_comment, "event": event, "poll": poll})


@pytest.fixture()
def world(app: Flask, member) -> World:  # noqa: F811
    """はなこ's items of every kind, たろう and じろう beside her."""
    return make_world(app, member)
