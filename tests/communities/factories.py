"""Communities, topics and comments put in through the services (real tables, no mocks)."""
from __future__ import annotations

from flask import Flask

from keitai import submit_keys
from keitai.db import db
from keitai.features.communities import service, topics
from keitai.features.communities.access import community_access


def add_community(app: Flask, admin_id: int, name: str, *, members: tuple[int, ...] = (),
                  category: str = "pets", description: str = "説明です。",
                  join_policy: str = "open", topic_visibility: str = "all",
                  post_policy: str = "members") -> int:
    """Create a community whose admin is admin_id, with these members; return its id."""
    with app.app_context():
        community_id = service.create_community(
            admin_id, name, category, description, join_policy, topic_visibility,
            post_policy, submit_keys.new_key())
        for member_id in members:
            service._add_member(community_id, member_id)
        db.session.commit()
        return community_id


def add_topic(app: Flask, community_id: int, author_id: int, title: str = "雑談トピック",
              body: str = "なんでも書いてください。") -> int:
    """Create a topic as its author would; return its id."""
    with app.app_context():
        access = community_access(community_id, author_id)
        topic_id = topics.create_topic(access, author_id, title, body, submit_keys.new_key())
        db.session.commit()
        return topic_id


def add_comments(app: Flask, topic_id: int, author_id: int, count: int,
                 body: str = "コメント{n}") -> list[int]:
    """Write count comments as author_id; return their numbers."""
    with app.app_context():
        numbers = [topics.add_comment(topic_id, author_id, body.format(n=n),
                                      submit_keys.new_key()) for n in range(count)]
        db.session.commit()
        return numbers
