"""The demo's showcase: the named members get everything the site can show.

The bulk seed (keitai.seed.network) makes a large network fast, with the bare rows every page
needs. On top of it, for `keitai demo` only, the first members of the network become the named
demo logins: a drawn profile photo, every profile field, endorsements by friends, bookmarks,
long diaries with emoji and comments, mini mail threads, footprints and a few communities.
They are written through the features' services, so they obey the same rules as what members
write; the communities are written as rows whose counters agree with them, as the bulk seed
writes its own (tests/seed/communities.py checks both). The caller owns the transaction and
commits at the end.
"""
from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from keitai.db import db
from keitai.features.diary import feed
from keitai.features.diary import service as diaries
from keitai.features.endorsements import service as endorsements
from keitai.features.footprints.service import leave_footprint
from keitai.features.friends import service as friends
from keitai.features.messages.service import mark_read, reply_subject, send
from keitai.features.profile import images, photo_service
from keitai.features.profile import service as profiles
from keitai.models.base import utcnow
from keitai.models.bookmark import Bookmark
from keitai.models.community import (
    ADMIN,
    MEMBER,
    SUB_ADMIN,
    Community,
    CommunityMember,
    Event,
    EventParticipant,
    JoinRequest,
    Poll,
    PollChoice,
    PollVote,
    Topic,
    TopicComment,
)
from keitai.models.diary import Comment, Diary
from keitai.models.friendship import FriendRequest, Friendship
from keitai.models.member import Member
from keitai.models.message import Message
from keitai.models.photo import Photo, PhotoVariant
from keitai.premium import grant
from keitai.privacy import are_friends
from keitai.seed import showcase_texts as texts
from keitai.seed.avatars import avatar
from keitai.upsert import insert_ignore


@dataclass
class Showcase:
    """What the showcase made, by member id."""

    logins: list[int]
    friends: list[int] = field(default_factory=list)
    long_diaries: list[int] = field(default_factory=list)
    #: the hand-written communities, in the order of showcase_texts.COMMUNITIES
    communities: list[int] = field(default_factory=list)


def store_avatar(member_id: int, initials: str, rng: random.Random,
                 variants: Iterable[str] = ()) -> None:
    """Store a drawn avatar as the member's photo, as an upload is, and make these variants.

    Any other variant is made on its first request, as for an upload.
    """
    photo_service.store_photo(member_id, avatar(initials, rng))
    photo = db.session.scalars(select(Photo).where(Photo.member_id == member_id)).one()
    for variant in variants:
        parsed = images.parse_variant(variant)
        assert parsed is not None, variant
        fmt, gray, width = parsed
        db.session.add(PhotoVariant(photo_id=photo.id, variant=variant,
                                    content_type=images.CONTENT_TYPES[fmt],
                                    data=images.render_variant(photo.data, fmt, gray, width),
                                    created_at=utcnow()))


class ShowcaseSeeder:
    """Write the showcase through the services, one step after the other."""

    def __init__(self, first_id: int, seed: int = 2007, variants: Iterable[str] = ()) -> None:
        self.rng = random.Random(seed)
        #: the photo variants made at once
        self.variants = tuple(variants)
        self.logins = [first_id + index for index in range(len(texts.PERSONAS))]
        self.keys = 0

    def key(self) -> str:
        """Return the next submit key (the same seed gives the same keys)."""
        self.keys += 1
        return f"showcase{self.keys:016d}"

    def friends_of(self, member_id: int, count: int) -> list[int]:
        """Return up to count friends of the member who are not named members, by id."""
        return list(db.session.scalars(
            select(Friendship.friend_id).where(Friendship.member_id == member_id,
                                               Friendship.friend_id.not_in(self.logins))
            .order_by(Friendship.friend_id).limit(count)))

    def run(self) -> Showcase:
        """Write the whole showcase; return what was made."""
        made = Showcase(self.logins)
        # the first login shows what premium unlocks (a badge, dated diaries, ...) for a year
        grant(db.session.get_one(Member, self.logins[0]), 12)
        self.befriend_logins()
        made.friends = self.friends_of(self.logins[0], len(texts.FRIEND_PERSONAS))
        self.profiles(made)
        self.endorse()
        self.bookmark(made)
        made.long_diaries = self.diaries()
        self.mail()
        self.visit(made)
        made.communities = [self.community(spec, self.logins + made.friends, age)
                            for age, spec in enumerate(texts.COMMUNITIES)]
        return made

    def befriend_logins(self) -> None:
        """Make the named members friends of each other, by request and acceptance."""
        for index, sender in enumerate(self.logins):
            for recipient in self.logins[index + 1:]:
                if are_friends(sender, recipient):
                    continue
                friends.send_request(sender, recipient, "よろしく！", True)
                request_id = db.session.scalar(select(FriendRequest.id).where(
                    FriendRequest.sender_id == sender, FriendRequest.recipient_id == recipient))
                assert request_id is not None
                friends.accept_request(request_id, recipient)

    def profiles(self, made: Showcase) -> None:
        """Give the named members and some of their friends a photo, introduction, fields."""
        for member_id, persona in zip(self.logins, texts.PERSONAS, strict=True):
            profiles.update_introduction(member_id, persona.nickname, persona.introduction,
                                         "everyone")
            profiles.update_fields(member_id, persona.fields, persona.born)
            store_avatar(member_id, persona.initials, self.rng, self.variants)
        for member_id, (nickname, initials) in zip(made.friends, texts.FRIEND_PERSONAS,
                                                   strict=False):
            profiles.update_introduction(member_id, nickname, "よろしくお願いします😊",
                                         "everyone")
            profiles.update_fields(member_id, texts.friend_fields(self.rng))
            store_avatar(member_id, initials, self.rng, self.variants)

    def endorse(self) -> None:
        """Let each named member be endorsed by the other two and by two more friends."""
        lines = list(texts.ENDORSEMENTS)
        for subject in self.logins:
            authors = [login for login in self.logins if login != subject]
            for author in authors + self.friends_of(subject, 2):
                relation, body = lines[self.rng.randrange(len(lines))]
                endorsements.write(author, subject, relation, body)

    def bookmark(self, made: Showcase) -> None:
        """Let each named member bookmark a few friends and the other named members."""
        for member_id in self.logins:
            targets = made.friends[:3] + [login for login in self.logins if login != member_id]
            for target in targets:
                insert_ignore(Bookmark, {"member_id": member_id, "target_id": target,
                                         "created_at": utcnow()})

    def backdate(self, model: Any, row_id: int, when: datetime, **more: datetime) -> None:
        """Move a row a service wrote "now" back to when, so the showcase spans a few days."""
        db.session.execute(update(model).where(model.id == row_id)
                           .values(created_at=when, **more))

    def diaries(self) -> list[int]:
        """Write short and long diaries for the named members, with comments by friends.

        The long diaries are the newest, and their comments are new to their authors.
        """
        long_ids, now = [], utcnow()
        for index, author in enumerate(self.logins):
            commenters = [login for login in self.logins if login != author]
            commenters += self.friends_of(author, 2)
            shorts = texts.SHORT_DIARIES[index:] + texts.SHORT_DIARIES[:index]
            for age, (title, body) in zip((3, 2, 1), shorts, strict=True):
                diary_id = diaries.create_diary(author, title, body, "friends", self.key())
                when = now - timedelta(days=age, hours=3 * index + 2)
                self.backdate(Diary, diary_id, when)
                self.comment(diary_id, commenters[:2], when)
            title, body = texts.long_diary(self.rng, days=4 + index)
            diary_id = diaries.create_diary(author, title, body, "everyone", self.key())
            when = now - timedelta(hours=8 - index)
            self.backdate(Diary, diary_id, when, owner_read_at=when)
            self.comment(diary_id, commenters, when)
            long_ids.append(diary_id)
        for author in self.logins:  # the friends' feeds follow the backdated times
            feed.diary_written(author, None, "")
        return long_ids

    def comment(self, diary_id: int, authors: list[int], written: datetime) -> None:
        """Add a comment by each author to a diary written at that time, a while after it."""
        for turn, author in enumerate(authors, start=1):
            comment_id = diaries.add_comment(diary_id, author, self.rng.choice(texts.COMMENTS),
                                             self.key())
            self.backdate(Comment, comment_id, written + timedelta(minutes=23 * turn))

    def mail(self) -> None:
        """Write mini mail threads between the named members; each one's last mail is unread."""
        pairs = [(self.logins[1], self.logins[0]), (self.logins[0], self.logins[1]),
                 (self.logins[2], self.logins[0])]
        now = utcnow()
        for age, ((starter, other), (subject, bodies)) in enumerate(
                zip(pairs, texts.THREADS, strict=True)):
            sender, recipient, message_id = starter, other, 0
            started = now - timedelta(days=len(pairs) - 1 - age, hours=6)
            for turn, body in enumerate(bodies):
                if turn:  # a reply: the mail it answers has been read
                    mark_read(db.session.get_one(Message, message_id), sender)
                message_id = send(sender, recipient,
                                  subject if turn == 0 else reply_subject(subject), body,
                                  self.key())
                self.backdate(Message, message_id, started + timedelta(hours=2 * turn))
                sender, recipient = recipient, sender

    def community(self, spec: texts.ShowcaseCommunity, people: list[int], order: int) -> int:
        """Write a hand-written community with its members, topics, event, poll and pending
        requests, every counter agreeing with its rows; return its id."""
        now = utcnow()
        created = now - timedelta(days=40 + 10 * order)
        members = [people[index] for index in spec.members]
        community = Community(
            name=spec.name, category=spec.category, description=spec.description,
            join_policy=spec.join_policy, topic_visibility=spec.topic_visibility,
            post_policy="members", member_count=len(members), posted_at=created,
            created_at=created, creator_id=members[0], submit_key=self.key())
        db.session.add(community)
        db.session.flush()
        for turn, index in enumerate(spec.members):
            role = ADMIN if turn == 0 else SUB_ADMIN if index in spec.sub_admins else MEMBER
            db.session.add(CommunityMember(community_id=community.id, member_id=people[index],
                                           role=role, joined_at=created + timedelta(hours=turn)))
            db.session.flush()  # the join order is the order of the rows
        topics = [(topic, now - timedelta(days=6 - 2 * turn, hours=order))
                  for turn, topic in enumerate(spec.topics)]
        topics.append((spec.event.topic, now - timedelta(days=1, hours=order)))
        for topic, written in topics:
            made = self.topic(community.id, topic, people, written,
                              spec.event if topic is spec.event.topic else None)
            community.posted_at = max(community.posted_at, made.bumped_at)
        self.poll(community.id, spec, people, now - timedelta(days=2, hours=order))
        for index, message in spec.requests:
            db.session.add(JoinRequest(community_id=community.id, member_id=people[index],
                                       message=message, created_at=now - timedelta(hours=5)))
        return community.id

    def topic(self, community_id: int, spec: texts.ShowcaseTopic, people: list[int],
              written: datetime, event: texts.ShowcaseEvent | None) -> Topic:
        """Write a topic (an event's, when event is given) and its numbered comments."""
        times = [written + timedelta(minutes=37 * turn) for turn in range(len(spec.comments) + 1)]
        topic = Topic(community_id=community_id, author_id=people[spec.author],
                      kind="event" if event else "topic", title=spec.title, body=spec.body,
                      comment_count=len(spec.comments), bumped_at=times[-1], created_at=written,
                      submit_key=self.key())
        db.session.add(topic)
        db.session.flush()
        for number, ((writer, body), at) in enumerate(zip(spec.comments, times[1:],
                                                          strict=True), start=1):
            db.session.add(TopicComment(topic_id=topic.id, number=number,
                                        author_id=people[writer], body=body, deleted=False,
                                        created_at=at, submit_key=self.key()))
        if event:  # at noon in Japan; joining closes at 23:59 there
            japan = timedelta(hours=9)
            today = (utcnow() + japan).replace(hour=0, minute=0, second=0, microsecond=0) - japan
            db.session.add(Event(topic_id=topic.id, community_id=community_id,
                                 starts_at=today + timedelta(days=event.days_ahead, hours=12),
                                 place=event.place,
                                 deadline=today + timedelta(days=event.deadline_days + 1,
                                                            minutes=-1),
                                 capacity=event.capacity,
                                 participant_count=len(event.participants)))
            db.session.flush()
            db.session.add_all(EventParticipant(event_id=topic.id, member_id=people[index],
                                                joined_at=written + timedelta(hours=turn + 1))
                               for turn, index in enumerate(event.participants))
        return topic

    def poll(self, community_id: int, spec: texts.ShowcaseCommunity, people: list[int],
             written: datetime) -> None:
        """Write the community's open poll, its choices and its votes."""
        poll = Poll(community_id=community_id, author_id=people[spec.members[0]],
                    question=spec.poll.question, closes_at=written + timedelta(days=14),
                    results_open=True, created_at=written, submit_key=self.key())
        db.session.add(poll)
        db.session.flush()
        choices = [PollChoice(poll_id=poll.id, position=position, label=label)
                   for position, label in enumerate(spec.poll.choices, start=1)]
        db.session.add_all(choices)
        db.session.flush()
        db.session.add_all(PollVote(poll_id=poll.id, member_id=people[voter],
                                    choice_id=choices[position - 1].id,
                                    voted_at=written + timedelta(hours=turn + 1))
                           for turn, (voter, position) in enumerate(spec.poll.votes))

    def visit(self, made: Showcase) -> None:
        """Leave footprints: the named members and their friends look at each other's pages."""
        for visitor in made.friends + self.logins:
            for member_id in self.logins:
                leave_footprint(member_id, visitor)


def add_showcase(first_id: int, seed: int = 2007, *, variants: Iterable[str] = ()) -> Showcase:
    """Write the showcase on the network whose first member is first_id (caller commits).

    The photos' variants named (such as "gif-240") are made at once, the others on first use.
    """
    return ShowcaseSeeder(first_id, seed, variants).run()
