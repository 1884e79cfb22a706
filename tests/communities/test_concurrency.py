"""Writes at the same moment (threads, on SQLite and PostgreSQL): comments get consecutive
numbers, joins count each member once, events fill exactly their places."""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from flask import Flask
from sqlalchemy import func, select

from keitai import submit_keys
from keitai.db import db
from keitai.domain import DomainError
from keitai.features.communities import events, service, topics
from keitai.features.communities.access import community_access
from keitai.models.community import Community, CommunityMember, Topic, TopicComment
from keitai.uow import unit_of_work
from tests.communities.factories import add_topic
from tests.communities.test_events import add_event, participants_of


def _at_once(app: Flask, attempts: list[Callable[[], Any]]) -> list[str]:
    """Run each attempt in its own thread and unit of work; return what each ended with."""
    outcomes: list[str] = []

    def run(attempt: Callable[[], Any]) -> None:
        with app.app_context():
            try:
                with unit_of_work():
                    outcomes.append(str(attempt()))
            except DomainError as refused:
                outcomes.append(refused.message)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(attempt,)) for attempt in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return sorted(outcomes)


def _meet_after(module: Any, name: str, count: int, monkeypatch: Any) -> None:
    """Make module.name wait until `count` threads have called it: they then write together."""
    barrier = threading.Barrier(count, timeout=30)
    original = getattr(module, name)

    def read_then_wait(*args: Any, **kwargs: Any) -> Any:
        found = original(*args, **kwargs)
        barrier.wait()
        return found

    monkeypatch.setattr(module, name, read_then_wait)


def test_comments_sent_at_once_get_consecutive_numbers(app, member, community,
                                                       monkeypatch) -> None:
    people = [member(f"同時{n}") for n in range(6)]
    community_id = community(people[0], members=tuple(people[1:]))
    topic_id = add_topic(app, community_id, people[0])
    _meet_after(topics, "readable_topic", len(people), monkeypatch)
    outcomes = _at_once(app, [
        lambda member_id=member_id: topics.add_comment(topic_id, member_id, "同時に",
                                                       submit_keys.new_key())
        for member_id in people])
    assert outcomes == ["1", "2", "3", "4", "5", "6"]
    with app.app_context():
        numbers = db.session.scalars(select(TopicComment.number).where(
            TopicComment.topic_id == topic_id).order_by(TopicComment.number)).all()
        assert numbers == [1, 2, 3, 4, 5, 6]
        assert db.session.get(Topic, topic_id).comment_count == 6  # type: ignore[union-attr]


def test_one_comment_form_sent_twice_at_once_is_one_comment(app, member, community,
                                                            monkeypatch) -> None:
    me = member("たろう")
    topic_id = add_topic(app, community(me), me)
    key = submit_keys.new_key()
    _meet_after(topics, "readable_topic", 2, monkeypatch)
    outcomes = _at_once(app, [lambda: topics.add_comment(topic_id, me, "一回", key)] * 2)
    assert outcomes == ["1", "1"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(TopicComment)) == 1
        assert db.session.get(Topic, topic_id).comment_count == 1  # type: ignore[union-attr]


def _join(community_id: int, member_id: int) -> str:
    return service.join(community_access(community_id, member_id), member_id)


def test_joins_at_once_count_each_member_once(app, member, community, monkeypatch) -> None:
    admin, me = member("管理"), member("たろう")
    others = [member(f"同時{n}") for n in range(4)]
    community_id = community(admin)
    _meet_after(service, "_managers", 6, monkeypatch)
    outcomes = _at_once(app, [lambda: _join(community_id, me)] * 2
                        + [lambda member_id=member_id: _join(community_id, member_id)
                           for member_id in others])
    assert outcomes.count("joined") == 6  # each read "not a member" before anyone wrote
    with app.app_context():
        rows = db.session.scalar(select(func.count()).select_from(CommunityMember).where(
            CommunityMember.community_id == community_id))
        assert rows == 6
        assert db.session.get(Community, community_id).member_count == 6  # type: ignore[union-attr]


def _race(app: Flask, event_id: int, member_ids: list[int], monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """Join the event in threads that reach the UPDATE of the event row at the same moment."""
    _meet_after(events, "readable_event", len(member_ids), monkeypatch)

    def attempt(member_id: int) -> str:
        return "joined" if events.join_event(event_id, member_id) else "already"

    return _at_once(app, [lambda member_id=member_id: attempt(member_id)
                          for member_id in member_ids])


def test_joins_at_the_same_moment_fill_exactly_the_places_there_are(
        app, member, community, monkeypatch) -> None:
    admin = member("管理")
    people = [member(f"同時{n}") for n in range(8)]
    event_id = add_event(app, community(admin, members=tuple(people)), admin, capacity=3)
    outcomes = _race(app, event_id, people, monkeypatch)
    assert outcomes.count("joined") == 3
    assert outcomes.count("定員(3人)に達したため参加できません。") == 5
    assert participants_of(app, event_id) == (3, 3)


def test_one_member_joining_twice_at_the_same_moment_takes_one_place(
        app, member, community, monkeypatch) -> None:
    admin, me = member("管理"), member("たろう")
    event_id = add_event(app, community(admin, members=(me,)), admin, capacity=5)
    outcomes = _race(app, event_id, [me, me], monkeypatch)
    assert outcomes == ["already", "joined"]
    assert participants_of(app, event_id) == (1, 1)
