"""What members do that others are told of: each through the site's pages or its services."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta

from flask import Flask
from sqlalchemy import update

from keitai import submit_keys
from keitai.db import db
from keitai.features.communities import events
from keitai.features.communities.access import community_access
from keitai.features.diary import service as diary
from keitai.features.endorsements import service as endorsements
from keitai.models.community import Event
from keitai.notices import notify
from keitai.timefmt import JST
from keitai.uow import unit_of_work
from tests.communities.factories import add_community, add_topic
from tests.handsets import page_forms
from tests.social.conftest import Browser, befriend

#: logs a member in on a handset: logged_in(profile name, member id)
LogIn = Callable[[str, int], Browser]


def post_form(browser: Browser, page_url: str, action_part: str,
              fields: dict[str, str]) -> None:
    """Open a page and send its form whose action contains action_part, as typed."""
    page = browser.get(page_url)
    index = next(i for i, form in enumerate(page_forms(page)) if action_part in form.action)
    answer = browser.submit(page, fields, index)
    assert answer.status_int in (200, 302), answer.status


def write_diary(app: Flask, author_id: int, title: str = "きょうの日記") -> int:
    """Write a diary for everyone to read; return its id."""
    with app.app_context(), unit_of_work():
        return diary.create_diary(author_id, title, "晴れでした。", "everyone",
                                  submit_keys.new_key())


def comment_on_diary(app: Flask, diary_id: int, author_id: int, body: str = "いいね") -> int:
    """Comment on a diary through the service; return the comment's id."""
    with app.app_context(), unit_of_work():
        return diary.add_comment(diary_id, author_id, body, submit_keys.new_key())


def send_message(logged_in: LogIn, sender: int, recipient: int, subject: str) -> None:
    """Send a mini mail from the sender's handset."""
    post_form(logged_in("au-W53CA", sender), f"/messages/new?to={recipient}", "/messages/new",
              {"subject": subject, "body": "元気ですか"})


def ask_friend(logged_in: LogIn, sender: int, recipient: int) -> None:
    """Send a friend request from the sender's handset."""
    post_form(logged_in("softbank-930SH", sender), f"/members/{recipient}/request", "/request",
              {"message": "よろしく", "knows": "1"})


def comment_by_handset(logged_in: LogIn, author: int, diary_id: int) -> None:
    """Comment on a diary from the author's handset."""
    post_form(logged_in("docomo-P903i", author), f"/diary/{diary_id}", "/comments",
              {"body": "すてきな日記ですね"})


def endorse(app: Flask, logged_in: LogIn, author: int, subject: int) -> None:
    """Befriend the two, then let the author write the subject's endorsement on a handset."""
    befriend(app, author, subject)
    post_form(logged_in("pc-Firefox", author), f"/members/{subject}/endorsements/write",
              "/endorsements/write", {"relation": "同級生", "body": "やさしい人です"})


def endorse_by_service(app: Flask, author: int, subject: int, body: str) -> None:
    """Write (or rewrite) an endorsement through the service."""
    with app.app_context(), unit_of_work():
        endorsements.write(author, subject, "同級生", body)


def topic_with_comment(app: Flask, owner: int, commenter: int) -> int:
    """The owner's community and topic, with one comment by commenter; return the topic."""
    community = add_community(app, owner, "ねこ好き", members=(commenter,))
    topic = add_topic(app, community, owner)
    comment_on_topic(app, topic, commenter)
    return topic


def comment_on_topic(app: Flask, topic_id: int, author: int) -> None:
    """Comment on a topic through the service."""
    from keitai.features.communities import topics

    with app.app_context(), unit_of_work():
        topics.add_comment(topic_id, author, "にゃー", submit_keys.new_key())


def event_tomorrow(app: Flask, owner: int, participants: tuple[int, ...], now: datetime) -> int:
    """The owner's event, starting tomorrow at 19:00 in Japan (as seen at now), with these
    participants; return its id."""
    community = add_community(app, owner, "花見の会", members=participants)
    with app.app_context(), unit_of_work():
        event_id = events.create_event(
            community_access(community, owner), owner, "お花見", "みんなで。",
            datetime.now(JST) + timedelta(days=30), "上野公園", None, None,
            submit_keys.new_key())
        for member_id in participants:
            events.join_event(event_id, member_id)
    starts = datetime.combine(now.astimezone(JST).date() + timedelta(days=1), time(19), JST)
    with app.app_context(), unit_of_work():
        db.session.execute(update(Event).where(Event.topic_id == event_id)
                           .values(starts_at=starts))
    return event_id


def friend_joined(app: Flask, inviter: int, joined: int) -> None:
    """Tell the inviter a friend they invited joined (as the sign-up does)."""
    with app.app_context(), unit_of_work():
        notify(inviter, "friend_joined", "profile.show", {"member_id": joined},
               actor_id=joined)


def send_message_by_service(app: Flask, sender: int, recipient: int, subject: str) -> None:
    """Send a mini mail through the service."""
    from keitai.features.messages import service as messages

    with app.app_context(), unit_of_work():
        messages.send(sender, recipient, subject, "本文です", submit_keys.new_key())
