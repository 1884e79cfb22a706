"""Seed communities: a few huge and most small, with topics, numbered comments, events, polls.

The plan comes first: who belongs, how many topics, comments, participants and votes, and the
times a parent row carries (a topic's latest comment, a community's latest post). So every
row is written once and complete, parents before children, and the progress bar knows the
total; keitai.seed.community_rows draws the rows themselves (texts, times, who comments and
votes) while they are written.
"""
from __future__ import annotations

import random
from array import array
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from keitai.seed import texts

#: a member belongs to at most this many communities (the site's limit)
COMMUNITY_LIMIT = 1000
#: the communities of the first member (the demo's first login, the benchmarks' viewer)
HUB_COMMUNITIES = 50
#: comments of the longest topic (in the largest community) once the network has
#: LONG_TOPIC_MEMBERS members; a smaller network's is smaller
LONG_TOPIC, LONG_TOPIC_MEMBERS = 10_000, 2000
#: about one community per this many members, and never fewer than MIN_COMMUNITIES
MEMBERS_PER_COMMUNITY, MIN_COMMUNITIES = 20, 5
#: the huge communities hold at least half of this many members (or of the whole network)
HUGE_OF = 100_000


def community_count(members: int) -> int:
    """Return how many communities a network of that many members gets."""
    return max(MIN_COMMUNITIES, members // MEMBERS_PER_COMMUNITY)


def long_topic_comments(members: int) -> int:
    """Return the comments of the longest topic of a network of that many members."""
    return LONG_TOPIC if members >= LONG_TOPIC_MEMBERS else 5 * members


@dataclass(slots=True)
class PlannedEvent:
    """What makes a planned topic an event."""

    starts_at: datetime
    deadline: datetime | None
    capacity: int | None
    participants: int


@dataclass(slots=True)
class PlannedTopic:
    """A topic: its author (an index into the community's members), time, comment count."""

    id: int
    author: int
    created: datetime
    comments: int
    #: days from its creation to its latest comment
    span: float
    event: PlannedEvent | None = None

    @property
    def bumped(self) -> datetime:
        """Return when its latest comment was written (its creation before any)."""
        return self.created + timedelta(days=self.span)


@dataclass(slots=True)
class PlannedPoll:
    """A poll: question, choices (ids from first_choice), how many members vote."""

    id: int
    author: int
    question: str
    labels: list[str]
    first_choice: int
    created: datetime
    closes_at: datetime
    results_open: bool
    votes: int


@dataclass(slots=True)
class PlannedCommunity:
    """A community: members by index in join order (the first is its admin and creator, the
    next managers - 1 its sub-admins), its settings and what is written in it."""

    id: int
    members: list[int]
    managers: int
    created: datetime
    #: days between its creation and the anchor
    age: float
    category: str
    join_policy: str = "open"
    topic_visibility: str = "all"
    post_policy: str = "members"
    requests: int = 0
    topics: list[PlannedTopic] = field(default_factory=list)
    polls: list[PlannedPoll] = field(default_factory=list)

    def posted_at(self) -> datetime:
        """Return when a topic, event or comment was last written in it."""
        return max((topic.bumped for topic in self.topics), default=self.created)


class CommunityPlan:
    """Plan the communities of a network of count members (member i has the id base + i)."""

    def __init__(self, rng: random.Random, count: int, base: int, anchor: datetime,
                 first_ids: dict[str, int], communities: int | None = None,
                 long_topic: int | None = None) -> None:
        self.rng = rng
        self.count = count
        self.base = base
        self.anchor = anchor
        #: the first id of communities, topics, polls and poll choices
        self.first_ids = first_ids
        self.size = community_count(count) if communities is None else communities
        self.long_topic = long_topic_comments(count) if long_topic is None else long_topic
        self.planned: list[PlannedCommunity] = []
        #: the id of the topic given long_topic comments (None without one)
        self.long_topic_id: int | None = None
        #: the communities the first member belongs to
        self.hub_communities = 0

    def plan(self) -> None:
        """Draw the communities, their members and what is written in them."""
        rng, count = self.rng, self.count
        cap = min(count, HUGE_OF)
        huge = 2 if self.size >= 20 else 1
        sizes = [-(-cap * 6 // 10), -(-cap // 2)][:min(huge, self.size)]
        small = max(5, cap // 10)
        for _ in range(self.size - huge):
            drawn = (rng.randint(1, 4) if rng.random() < 0.1
                     else int(5 * rng.paretovariate(1.1)))
            sizes.append(min(drawn, small, count))
        # the hub is in the huge ones and in small ones up to HUB_COMMUNITIES, and the admin
        # of its first small one (which approves members and has requests waiting)
        chosen = rng.sample(range(huge, self.size), max(0, min(HUB_COMMUNITIES, self.size) - huge))
        hub = set(range(huge)) | set(chosen)
        hub_admin = min(chosen, default=None)
        joined = array("H", bytes(2 * count))
        ids = dict(self.first_ids)
        others = range(1, count)
        for index, size in enumerate(sizes):
            with_hub = index in hub and count >= 2
            picked = rng.sample(others, min(max(size, 2) - 1 if with_hub else size, count - 1))
            members = [m for m in picked if joined[m] < COMMUNITY_LIMIT]
            if with_hub:
                at = 0 if index == hub_admin or not members else rng.randint(1, len(members))
                members.insert(at, 0)
            if not members:
                continue
            for member in members:
                joined[member] += 1
            ids["communities"] += 1
            self.planned.append(self._community(ids, members, index < huge,
                                                index == hub_admin))
        self.hub_communities = joined[0]

    def _community(self, ids: dict[str, int], members: list[int], huge: bool,
                   hub_admin: bool) -> PlannedCommunity:
        rng = self.rng
        subs = (min(3, int(rng.paretovariate(2.0)))
                if huge or len(members) >= 10 and rng.random() < 0.5 else 0)
        age = 600 + 130 * rng.random() if huge else 730 * rng.random() ** 1.5 + 0.5
        made = PlannedCommunity(ids["communities"] - 1, members, min(len(members), 1 + subs),
                                self.anchor - timedelta(days=age), age,
                                texts.CATEGORY_SLUGS[rng.randrange(len(texts.CATEGORY_SLUGS))])
        if hub_admin or not huge and rng.random() < 0.2:
            made.join_policy = "approval"
            made.topic_visibility = "members" if hub_admin or rng.random() < 0.5 else "all"
            room = self.count - len(members)
            made.requests = min(room, max(3 if hub_admin else 0, int(rng.paretovariate(1.5)) - 1))
        if not huge and rng.random() < 0.1:
            made.post_policy = "admins"
        topics = min(40, int(rng.paretovariate(1.8) * len(members) ** 0.3))
        for number in range(max(topics, 20) if huge else topics):
            made.topics.append(self._topic(
                ids, made, number == 0 and not self.planned and self.long_topic > 0))
        for _ in range(3 if huge else int(rng.random() < 0.25)):
            made.polls.append(self._poll(ids, made))
        return made

    def _author(self, community: PlannedCommunity) -> int:
        """Draw who writes a topic or poll: a manager where only admins post."""
        limit = (community.managers if community.post_policy == "admins"
                 else len(community.members))
        return self.rng.randrange(limit)

    def _topic(self, ids: dict[str, int], community: PlannedCommunity,
               long: bool) -> PlannedTopic:
        rng = self.rng
        ids["topics"] += 1
        age = community.age * (0.5 + 0.5 * rng.random() if long else rng.random())
        if long:
            comments, span = self.long_topic, age
            self.long_topic_id = ids["topics"] - 1
        else:
            drawn = int(rng.paretovariate(1.3) * 2.5) - 2
            comments = max(0, min(drawn, 1000, 20 * len(community.members)))
            span = age * rng.random() ** 2 if comments else 0.0
        made = PlannedTopic(ids["topics"] - 1, self._author(community),
                            self.anchor - timedelta(days=age), comments, span)
        if not long and rng.random() < 0.1:
            made.event = self._event(made, age, len(community.members))
        return made

    def _event(self, topic: PlannedTopic, age: float, members: int) -> PlannedEvent:
        rng = self.rng
        starts = (self.anchor + timedelta(days=1 + 59 * rng.random()) if rng.random() < 0.5
                  else topic.created + timedelta(days=age * rng.random()))
        deadline = (max(topic.created, starts - timedelta(days=rng.randint(1, 3)))
                    if rng.random() < 0.6 else None)
        capacity = rng.randint(5, 50) if rng.random() < 0.5 else None
        wanted = int(rng.paretovariate(1.2) * (10 if members > 1000 else 2))
        return PlannedEvent(starts, deadline, capacity, min(members, capacity or members, wanted))

    def _poll(self, ids: dict[str, int], community: PlannedCommunity) -> PlannedPoll:
        rng = self.rng
        question, labels = texts.poll(rng, min(20, int(rng.paretovariate(1.5) * 3)))
        # a poll of the last ten days is mostly still open
        days = min(community.age, 10.0) if rng.random() < 0.4 else community.age
        created = self.anchor - timedelta(days=days * rng.random())
        closes = created + timedelta(days=rng.randint(3, 30))
        members = len(community.members)
        votes = min(members, int(rng.paretovariate(1.2) * max(2, members // 20)))
        ids["polls"] += 1
        ids["poll_choices"] += len(labels)
        return PlannedPoll(ids["polls"] - 1, self._author(community), question, labels,
                           ids["poll_choices"] - len(labels), created, closes,
                           rng.random() < 0.7, votes)

    def counts(self) -> dict[str, int]:
        """Return the rows each table gets, by the name the seed reports."""
        planned = self.planned
        topics = [topic for community in planned for topic in community.topics]
        events = [topic.event for topic in topics if topic.event]
        polls = [poll for community in planned for poll in community.polls]
        return {
            "communities": len(planned),
            "community members": sum(len(community.members) for community in planned),
            "join requests": sum(community.requests for community in planned),
            "topics": len(topics), "topic comments": sum(topic.comments for topic in topics),
            "events": len(events), "event participants": sum(e.participants for e in events),
            "polls": len(polls), "poll choices": sum(len(poll.labels) for poll in polls),
            "poll votes": sum(poll.votes for poll in polls)}
