"""Write planned communities: the rows of each table, drawn while the loader sends them.

Parents come before children; the ids of communities, topics, polls and poll choices are the
plan's, the join order (memberships' seq) and comment ids the database's, in the order the
rows arrive.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from sqlalchemy import Table

from keitai.models.community import (
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
from keitai.seed import texts
from keitai.seed.bulk import Loader
from keitai.seed.communities import CommunityPlan

#: distinct texts drawn once and reused, as for diaries (a power of two)
POOL_BITS = 10
POOL = 1 << POOL_BITS


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


COMMUNITIES, COMMUNITY_MEMBERS = _table(Community), _table(CommunityMember)
JOIN_REQUESTS, TOPICS, TOPIC_COMMENTS = _table(JoinRequest), _table(Topic), _table(TopicComment)
EVENTS, PARTICIPANTS = _table(Event), _table(EventParticipant)
POLLS, POLL_CHOICES, POLL_VOTES = _table(Poll), _table(PollChoice), _table(PollVote)
#: the tables a seed's communities fill, parents first
COMMUNITY_TABLES = (COMMUNITIES, COMMUNITY_MEMBERS, JOIN_REQUESTS, TOPICS, TOPIC_COMMENTS,
                    EVENTS, PARTICIPANTS, POLLS, POLL_CHOICES, POLL_VOTES)
#: the tables whose ids the plan gives (PostgreSQL's sequences must pass them after); the
#: memberships and comments take theirs from the database, in the order they are written
NUMBERED = (COMMUNITIES, TOPICS, POLLS, POLL_CHOICES)
COMMUNITY_COLUMNS = ("id", "name", "category", "description", "join_policy",
                     "topic_visibility", "post_policy", "member_count", "posted_at",
                     "created_at", "creator_id")
MEMBERSHIP_COLUMNS = ("community_id", "member_id", "role", "joined_at")
REQUEST_COLUMNS = ("community_id", "member_id", "message", "created_at")
TOPIC_COLUMNS = ("id", "community_id", "author_id", "kind", "title", "body", "comment_count",
                 "bumped_at", "created_at")
COMMENT_COLUMNS = ("topic_id", "number", "author_id", "body", "deleted", "created_at")
EVENT_COLUMNS = ("topic_id", "community_id", "starts_at", "place", "deadline", "capacity",
                 "participant_count")
PARTICIPANT_COLUMNS = ("event_id", "member_id", "joined_at")
POLL_COLUMNS = ("id", "community_id", "author_id", "question", "closes_at", "results_open",
                "created_at")
CHOICE_COLUMNS = ("id", "poll_id", "position", "label")
VOTE_COLUMNS = ("poll_id", "member_id", "choice_id", "voted_at")


class CommunityRows:
    """The rows of a plan's communities, table by table, drawn from the plan's generator."""

    def __init__(self, plan: CommunityPlan) -> None:
        self.plan = plan
        self.rng, self.base, self.anchor = plan.rng, plan.base, plan.anchor
        self.count, self.planned = plan.count, plan.planned

    def write(self, load: Loader) -> None:
        """Write the plan's rows, table by table, parents first."""
        load.load(COMMUNITIES, COMMUNITY_COLUMNS, self.communities())
        load.load(COMMUNITY_MEMBERS, MEMBERSHIP_COLUMNS, self.memberships())
        load.load(JOIN_REQUESTS, REQUEST_COLUMNS, self.join_requests())
        load.load(TOPICS, TOPIC_COLUMNS, self.topics())
        load.load(TOPIC_COMMENTS, COMMENT_COLUMNS, self.comments())
        load.load(EVENTS, EVENT_COLUMNS, self.events())
        load.load(PARTICIPANTS, PARTICIPANT_COLUMNS, self.participants())
        load.load(POLLS, POLL_COLUMNS, self.polls())
        load.load(POLL_CHOICES, CHOICE_COLUMNS, self.choices())
        load.load(POLL_VOTES, VOTE_COLUMNS, self.votes())

    def communities(self) -> Iterator[tuple[Any, ...]]:
        """Yield the communities, each with its member count and latest post time."""
        rng, base = self.rng, self.base
        for community in self.planned:
            name, description = texts.community(rng, community.category)
            yield (community.id, name, community.category, description, community.join_policy,
                   community.topic_visibility, community.post_policy, len(community.members),
                   community.posted_at(), community.created, base + community.members[0])

    def memberships(self) -> Iterator[tuple[Any, ...]]:
        """Yield each community's members in join order (the admin, who made it, first)."""
        random, base = self.rng.random, self.base
        for community in self.planned:
            members, managers, created = community.members, community.managers, community.created
            step = community.age / len(members)
            yield community.id, base + members[0], "admin", created
            for k in range(1, len(members)):
                yield (community.id, base + members[k], "sub_admin" if k < managers else "member",
                       created + timedelta(days=step * (k + random())))

    def join_requests(self) -> Iterator[tuple[Any, ...]]:
        """Yield the pending requests to join communities that approve each member."""
        rng, base, anchor = self.rng, self.base, self.anchor
        for community in self.planned:
            if not community.requests:
                continue
            taken = set(community.members)
            while len(taken) < len(community.members) + community.requests:
                member = rng.randrange(self.count)
                if member not in taken:
                    taken.add(member)
                    yield (community.id, base + member, texts.join_message(rng),
                           anchor - timedelta(days=7 * rng.random()))

    def topics(self) -> Iterator[tuple[Any, ...]]:
        """Yield the topics and events, each with its comment count and latest comment time."""
        rng, base = self.rng, self.base
        counts = self.plan.counts()
        # no more distinct texts than there are topics (a small network draws a few)
        topic_bits = min(POOL_BITS, counts["topics"].bit_length())
        event_bits = min(POOL_BITS, counts["events"].bit_length())
        pool = [texts.topic(rng) for _ in range(1 << topic_bits)]
        events = [texts.topic(rng, event=True) for _ in range(1 << event_bits)]
        pick = rng.getrandbits
        for community in self.planned:
            for topic in community.topics:
                title, body = (events[pick(event_bits)] if topic.event
                               else pool[pick(topic_bits)])
                yield (topic.id, community.id, base + community.members[topic.author],
                       "event" if topic.event else "topic", title, body, topic.comments,
                       topic.bumped, topic.created)

    def comments(self) -> Iterator[tuple[Any, ...]]:
        """Yield every topic's comments numbered 1..comment_count in time order, the last at
        the topic's bump time; a few are deleted (tombstones)."""
        rng, base = self.rng, self.base
        pool = [texts.topic_comment(rng) for _ in range(POOL)]
        random, pick = rng.random, rng.getrandbits
        for community in self.planned:
            members = community.members
            size = len(members)
            for topic in community.topics:
                n, created, span = topic.comments, topic.created, topic.span
                for number in range(1, n + 1):
                    # the k-th of n falls in the k-th n-th of the span: in order, unsorted
                    at = span if number == n else span * (number - 1 + random()) / n
                    deleted = random() < 0.02
                    yield (topic.id, number, base + members[int(random() * size)],
                           "" if deleted else pool[pick(POOL_BITS)], deleted,
                           created + timedelta(days=at))

    def events(self) -> Iterator[tuple[Any, ...]]:
        """Yield the events of the topics that are events, with their participant counts."""
        rng = self.rng
        for community in self.planned:
            for topic in community.topics:
                if event := topic.event:
                    yield (topic.id, community.id, event.starts_at, texts.place(rng),
                           event.deadline, event.capacity, event.participants)

    def participants(self) -> Iterator[tuple[Any, ...]]:
        """Yield each event's participants, members of its community."""
        rng, base = self.rng, self.base
        for community in self.planned:
            for topic in community.topics:
                if not topic.event:
                    continue
                until = min(self.anchor, topic.event.deadline or topic.event.starts_at)
                window = max(0.0, (until - topic.created).total_seconds())
                for member in rng.sample(community.members, topic.event.participants):
                    yield (topic.id, base + member,
                           topic.created + timedelta(seconds=window * rng.random()))

    def polls(self) -> Iterator[tuple[Any, ...]]:
        """Yield the polls, some still open."""
        base = self.base
        for community in self.planned:
            for poll in community.polls:
                yield (poll.id, community.id, base + community.members[poll.author],
                       poll.question, poll.closes_at, poll.results_open, poll.created)

    def choices(self) -> Iterator[tuple[Any, ...]]:
        """Yield each poll's choices, numbered from 1."""
        for community in self.planned:
            for poll in community.polls:
                for position, label in enumerate(poll.labels, start=1):
                    yield poll.first_choice + position - 1, poll.id, position, label

    def votes(self) -> Iterator[tuple[Any, ...]]:
        """Yield the votes: members of the poll's community, the first choices favoured."""
        rng, base = self.rng, self.base
        for community in self.planned:
            for poll in community.polls:
                until = min(self.anchor, poll.closes_at)
                window = max(0.0, (until - poll.created).total_seconds())
                choices = len(poll.labels)
                for member in rng.sample(community.members, poll.votes):
                    choice = poll.first_choice + int(rng.random() ** 1.5 * choices)
                    yield (poll.id, base + member, choice,
                           poll.created + timedelta(seconds=window * rng.random()))
