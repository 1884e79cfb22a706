"""Seed a made-up network: members, friends, diaries with comments, footprints, messages,
communities."""
from __future__ import annotations

import random
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import count
from typing import Any

from sqlalchemy import Engine, Table

from keitai.models.diary import Comment, Diary
from keitai.models.footprint import Footprint
from keitai.models.friendship import FriendCount, Friendship
from keitai.models.member import Member
from keitai.models.message import Message
from keitai.models.profile import ProfileField
from keitai.seed import texts
from keitai.seed.bulk import analyze, loader, next_id, reset_sequences
from keitai.seed.communities import CommunityPlan
from keitai.seed.community_rows import COMMUNITY_TABLES, NUMBERED, CommunityRows
from keitai.seed.graph import activity_weights, friend_lists
from keitai.seed.profiles import COLUMNS as PROFILE_COLUMNS
from keitai.seed.profiles import profile_rows

#: the password every seeded member logs in with
PASSWORD = "keitai-demo"
#: distinct texts drawn once and reused (drawing a fresh text per row is the slow part);
#: a power of two, so a text is picked with one getrandbits(POOL_BITS)
POOL_BITS = 12
POOL = 1 << POOL_BITS
#: visibility of a new diary: the share of diaries at or below each level
_SHARES = (0.55, 0.85, 0.95, 1.0)
_LEVELS = ("everyone", "friends", "friends_of_friends", "only_me")


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


MEMBERS, FRIENDSHIPS, COUNTS = _table(Member), _table(Friendship), _table(FriendCount)
FOOTPRINTS, DIARIES, COMMENTS = _table(Footprint), _table(Diary), _table(Comment)
MESSAGES, PROFILE_FIELDS = _table(Message), _table(ProfileField)
#: every table a seed writes, parents first
TABLES = (MEMBERS, PROFILE_FIELDS, COUNTS, FOOTPRINTS, DIARIES, COMMENTS, FRIENDSHIPS, MESSAGES,
          *COMMUNITY_TABLES)
_MEMBER_COLUMNS = ("id", "nickname", "real_name", "birth_date", "email", "password_hash",
                   "premium_since", "premium_until", "is_admin", "is_celebrity",
                   "terms_accepted_at", "created_at", "last_login_at")
_DIARY_COLUMNS = ("id", "author_id", "title", "body", "visibility", "created_at",
                  "owner_read_at", "commented_at")
_MESSAGE_COLUMNS = ("sender_id", "recipient_id", "subject", "body", "created_at", "read_at",
                    "sender_deleted", "recipient_deleted")


@dataclass
class Seeded:
    """What a seed run made: the id range, the hub member, rows per table, and what the
    benchmarks open in the communities."""

    first_id: int
    #: the first member: the first login, with the most friends, in HUB_COMMUNITIES communities
    hub_id: int
    logins: list[tuple[str, str]]
    rows: dict[str, int] = field(default_factory=dict)
    #: the community with the most members (None without communities)
    largest_community_id: int | None = None
    #: the topic with the most comments (LONG_TOPIC of them in a large enough network)
    long_topic_id: int | None = None
    #: how many communities the hub belongs to
    hub_communities: int = 0


class NetworkSeeder:
    """Plan a network with prepare(), then write it with run(progress)."""

    def __init__(self, engine: Engine, members: int, *, diaries: int | None = None,
                 seed: int = 2007, password_hash: str, hub_friends: int | None = None,
                 anchor: datetime | None = None, communities: int | None = None,
                 long_topic: int | None = None) -> None:
        self.engine = engine
        self.count = max(members, 2)
        self.diaries = self.count * 10 if diaries is None else diaries
        self.rng = random.Random(seed)
        # the communities draw from their own generator: the rest of a seed's network stays
        # what it was before there were communities
        self.community_rng = random.Random(f"communities-{seed}")
        #: and so do the profile fields (gender, prefecture, who sees the age)
        self.profile_rng = random.Random(f"profiles-{seed}")
        #: how many communities (None: one per MEMBERS_PER_COMMUNITY members) and how many
        #: comments the longest topic gets (None: by the network's size)
        self.community_count, self.long_topic = communities, long_topic
        self.password_hash = password_hash
        #: friends of the first member (the demo's first login, the benchmarks' viewer)
        self.hub_friends = min(1000, self.count // 3) if hub_friends is None else hub_friends
        now = datetime.now(UTC)
        #: every time is this moment minus a random age (midnight UTC of today by default)
        self.anchor = anchor or now.replace(hour=0, minute=0, second=0, microsecond=0)
        self.total = 0

    def prepare(self) -> None:
        """Draw the friendship graph and footprints, and count the rows to write."""
        rng = self.rng
        self.base = next_id(self.engine, MEMBERS)
        self.diary_base = next_id(self.engine, DIARIES)
        self.friends = friend_lists(rng, self.count, self.hub_friends)
        self.footprints = self._footprint_pairs()
        self.messages = self.count
        self.communities = CommunityPlan(
            self.community_rng, self.count, self.base, self.anchor,
            {table.name: next_id(self.engine, table) for table in NUMBERED},
            self.community_count, self.long_topic)
        self.communities.plan()
        self.total = (2 * self.count + sum(len(f) for f in self.friends)
                      + len(self.footprints) + self.diaries + self.messages
                      + sum(self.communities.counts().values()))

    def run_all(self) -> Seeded:
        """Plan and write the network without a progress bar."""
        self.prepare()
        return self.run()

    def _ago(self, days: float) -> datetime:
        return self.anchor - timedelta(days=days)

    def _footprint_pairs(self) -> list[tuple[int, int]]:
        rng, pairs = self.rng, list[tuple[int, int]]()
        for member in range(self.count):
            visitors: dict[int, None] = {}
            for _ in range(min(int(rng.paretovariate(1.5) * 2), 50)):
                friends = self.friends[member]
                visitor = (rng.choice(friends) if friends and rng.random() < 0.7
                           else rng.randrange(self.count))
                if visitor != member:
                    visitors[visitor] = None
            pairs.extend((member, visitor) for visitor in visitors)
        return pairs

    def run(self, progress: Any = lambda rows: None,
            stage: Callable[[str], None] = lambda what: None) -> Seeded:
        """Write the network in one transaction; return what was made. progress(rows) is told
        of the rows written, stage(what) of the steps after the rows.

        The diaries go in before the friendships, which carry each friend's latest readable
        diary time (friend_diary_at, the friends' feed's index): it is known by then, so
        every friendship row is written once, complete. The random draws stay in the order
        members, friendships, footprints, diaries, messages.
        """
        comments = list[tuple[Any, ...]]()
        #: per member: the time of their latest diary a friend may read, or None
        latest: list[datetime | None] = [None] * self.count
        with loader(self.engine, TABLES, progress) as load:
            load.load(MEMBERS, _MEMBER_COLUMNS, self._members())
            fields = load.load(PROFILE_FIELDS, PROFILE_COLUMNS,
                               profile_rows(self.profile_rng, self.base, self.count),
                               counted=False)
            ages = self._friendship_ages()
            load.load(COUNTS, ("member_id", "count"), self._friend_counts())
            load.load(FOOTPRINTS, ("member_id", "visitor_id", "visited_at"), self._footprint_rows())
            load.load(DIARIES, _DIARY_COLUMNS, self._diaries(comments, latest))
            load.load(COMMENTS, ("diary_id", "author_id", "body", "created_at"), comments,
                      counted=False)
            load.load(FRIENDSHIPS, ("member_id", "friend_id", "created_at", "friend_diary_at"),
                      self._friendships(ages, latest))
            load.load(MESSAGES, _MESSAGE_COLUMNS, self._messages())
            CommunityRows(self.communities).write(load)
            stage("indexes")
        reset_sequences(self.engine, [MEMBERS, DIARIES, *NUMBERED])
        stage("statistics")
        analyze(self.engine)
        logins = [(self.email(i), self.nicknames[i]) for i in range(min(3, self.count))]
        plan = self.communities
        return Seeded(self.base, self.base, logins, {
            "members": self.count, "friendships": sum(len(f) for f in self.friends),
            "footprints": len(self.footprints), "diaries": self.diaries,
            "comments": len(comments), "messages": self.messages, "profile fields": fields,
            **plan.counts()},
            plan.planned[0].id if plan.planned else None, plan.long_topic_id,
            plan.hub_communities)

    def email(self, index: int) -> str:
        """Return the login address of the seeded member at index."""
        return f"seed{self.base + index}@example.jp"

    def _members(self) -> Iterator[tuple[Any, ...]]:
        """Yield the members (their nicknames are kept for the logins printed)."""
        rng = self.rng
        self.nicknames = [texts.nickname(rng) for _ in range(self.count)]
        for i in range(self.count):
            joined = self._ago(730 * rng.random())
            birth = date(1960 + rng.randrange(46), rng.randint(1, 12), rng.randint(1, 28))
            premium = rng.random() < 0.05  # one member in twenty, for a year from now
            yield (self.base + i, self.nicknames[i], "", birth, self.email(i),
                   self.password_hash, joined if premium else None,
                   self._ago(-365) if premium else None, False, False, joined, joined,
                   self._ago(30 * rng.random()))

    def _friendship_ages(self) -> array[float]:
        """Draw how many days ago each friendship began, member by member."""
        random = self.rng.random
        return array("d", (365 * random() for friends in self.friends for _ in friends))

    def _friend_counts(self) -> Iterator[tuple[int, int]]:
        """Yield each member's friend count."""
        for member, friends in enumerate(self.friends):
            yield self.base + member, len(friends)

    def _friendships(self, ages: array[float], latest: list[datetime | None]
                     ) -> Iterator[tuple[Any, ...]]:
        """Yield both directions of every friendship, each with its friend's latest readable
        diary time."""
        base, anchor, at = self.base, self.anchor, iter(ages)
        for member, friends in enumerate(self.friends):
            for friend in friends:
                yield (base + member, base + friend, anchor - timedelta(days=next(at)),
                       latest[friend])

    def _footprint_rows(self) -> Iterator[tuple[Any, ...]]:
        """Yield the footprints, most of them recent."""
        base, random, anchor = self.base, self.rng.random, self.anchor
        for member, visitor in self.footprints:
            yield base + member, base + visitor, anchor - timedelta(days=30 * random() ** 2)

    def _diaries(self, comments: list[tuple[Any, ...]], latest: list[datetime | None]
                 ) -> Iterator[tuple[Any, ...]]:
        """Yield the diaries, oldest first; add their comments to comments and note each
        author's latest diary a friend may read in latest."""
        rng, base, anchor = self.rng, self.base, self.anchor
        titles = [texts.diary_title(rng) for _ in range(POOL)]
        bodies = [texts.diary_body(rng) for _ in range(POOL)]
        notes = [texts.comment(rng) for _ in range(POOL)]
        authors = rng.choices(range(self.count), cum_weights=activity_weights(rng, self.count),
                              k=self.diaries)
        ages = sorted((365 * rng.random() ** 2 for _ in range(self.diaries)), reverse=True)
        random, pick, friend_lists = rng.random, rng.getrandbits, self.friends
        add_comment = comments.append
        for diary_id, author, age in zip(count(self.diary_base), authors, ages):
            created = anchor - timedelta(days=age)
            visibility = _LEVELS[bisect_left(_SHARES, random())]
            title, body = titles[pick(POOL_BITS)], bodies[pick(POOL_BITS)]
            read_at = anchor if random() < 0.85 else created
            # the comments first: the diary row carries the time of its latest (by a friend,
            # so never by the author)
            commented_at = None
            if visibility != "only_me":
                latest[author] = created  # the diaries come oldest first
                friends = friend_lists[author]
                while friends and random() < 0.38:
                    written = created + timedelta(days=min(age, 3.0) * random())
                    add_comment((diary_id, base + friends[int(random() * len(friends))],
                                 notes[pick(POOL_BITS)], written))
                    commented_at = written if commented_at is None else max(commented_at,
                                                                            written)
            yield (diary_id, base + author, title, body, visibility, created, read_at,
                   commented_at)

    def _messages(self) -> Iterator[tuple[Any, ...]]:
        """Yield the messages, mostly between friends."""
        rng, base = self.rng, self.base
        pool = [texts.message(rng) for _ in range(POOL)]
        for i in range(self.messages):
            # the first members (the demo logins) get a few messages of their own
            recipient = i % 3 if i < 15 else rng.randrange(self.count)
            friends = self.friends[recipient]
            sender = rng.choice(friends) if friends else (recipient + 1) % self.count
            subject, body = pool[rng.getrandbits(POOL_BITS)]
            created = self._ago(180 * rng.random() ** 2)
            unread = i < 15 and i % 2 == 0 or rng.random() < 0.2
            yield (base + sender, base + recipient, subject, body, created,
                   None if unread else created + timedelta(hours=rng.random() * 24),
                   False, False)
