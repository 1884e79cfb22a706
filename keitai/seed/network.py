"""Seed a made-up network: members, friends, diaries with comments, footprints, messages."""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, Table, func, select, update

from keitai.models.diary import Comment, Diary
from keitai.models.footprint import Footprint
from keitai.models.friendship import FriendCount, Friendship
from keitai.models.member import Member
from keitai.models.message import Message
from keitai.seed import texts
from keitai.seed.bulk import BulkWriter, analyze, next_id, reset_sequences
from keitai.seed.graph import activity_weights, friend_lists

#: the password every seeded member logs in with
PASSWORD = "keitai-demo"
#: distinct texts drawn once and reused (drawing a fresh text per row is the slow part)
POOL = 4096
#: visibility of a new diary, by share of diaries
_VISIBILITY = ((0.55, "everyone"), (0.85, "friends"), (0.95, "friends_of_friends"),
               (1.0, "only_me"))


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


MEMBERS, FRIENDSHIPS, COUNTS = _table(Member), _table(Friendship), _table(FriendCount)
FOOTPRINTS, DIARIES, COMMENTS = _table(Footprint), _table(Diary), _table(Comment)
MESSAGES = _table(Message)


@dataclass
class Seeded:
    """What a seed run made: the id range, the hub member, rows per table."""

    first_id: int
    hub_id: int
    logins: list[tuple[str, str]]
    rows: dict[str, int] = field(default_factory=dict)


class NetworkSeeder:
    """Plan a network with prepare(), then write it with run(progress)."""

    def __init__(self, engine: Engine, members: int, *, diaries: int | None = None,
                 seed: int = 2007, password_hash: str, hub_friends: int | None = None,
                 anchor: datetime | None = None) -> None:
        self.engine = engine
        self.count = max(members, 2)
        self.diaries = self.count * 10 if diaries is None else diaries
        self.rng = random.Random(seed)
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
        self.total = (2 * self.count + sum(len(f) for f in self.friends)
                      + len(self.footprints) + self.diaries + self.messages)

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

    def run(self, progress: Any = lambda rows: None) -> Seeded:
        """Write the network in batches; return what was made."""
        writer = BulkWriter(
            self.engine, [MEMBERS, FRIENDSHIPS, COUNTS, FOOTPRINTS, DIARIES, COMMENTS, MESSAGES],
            progress, counted=frozenset(t.name for t in (MEMBERS, FRIENDSHIPS, COUNTS,
                                                         FOOTPRINTS, DIARIES, MESSAGES)))
        self._members(writer)
        self._friendships(writer)
        comments = self._diaries(writer)
        self._messages(writer)
        writer.close()
        self._feed_times()
        reset_sequences(self.engine, [MEMBERS, DIARIES])
        analyze(self.engine)
        logins = [(self.email(i), self.nicknames[i]) for i in range(min(3, self.count))]
        return Seeded(self.base, self.base, logins, {
            "members": self.count, "friendships": sum(len(f) for f in self.friends),
            "footprints": len(self.footprints), "diaries": self.diaries,
            "comments": comments, "messages": self.messages})

    def _feed_times(self) -> None:
        """Set each new friendship's friend_diary_at from the diaries, in one statement."""
        latest = (select(DIARIES.c.author_id, func.max(DIARIES.c.created_at).label("at"))
                  .where(DIARIES.c.visibility != "only_me",
                         DIARIES.c.author_id.between(self.base, self.base + self.count - 1))
                  .group_by(DIARIES.c.author_id).subquery())
        with self.engine.begin() as conn:
            conn.execute(update(FRIENDSHIPS).where(FRIENDSHIPS.c.friend_id == latest.c.author_id)
                         .values(friend_diary_at=latest.c.at))

    def email(self, index: int) -> str:
        """Return the login address of the seeded member at index."""
        return f"seed{self.base + index}@example.jp"

    def _members(self, writer: BulkWriter) -> None:
        rng = self.rng
        self.nicknames = [texts.nickname(rng) for _ in range(self.count)]
        for i in range(self.count):
            joined = self._ago(730 * rng.random())
            writer.add(MEMBERS, {
                "id": self.base + i, "nickname": self.nicknames[i], "real_name": "",
                "birth_date": date(1960 + rng.randrange(46), rng.randint(1, 12),
                                   rng.randint(1, 28)),
                "email": self.email(i), "mobile_email": None,
                "password_hash": self.password_hash, "is_premium": rng.random() < 0.05,
                "is_admin": False, "is_celebrity": False, "terms_accepted_at": joined,
                "created_at": joined, "last_login_at": self._ago(30 * rng.random()),
            })

    def _friendships(self, writer: BulkWriter) -> None:
        rng, base = self.rng, self.base
        for member, friends in enumerate(self.friends):
            for friend in friends:
                writer.add(FRIENDSHIPS, {"member_id": base + member, "friend_id": base + friend,
                                         "created_at": self._ago(365 * rng.random())})
            writer.add(COUNTS, {"member_id": base + member, "count": len(friends)})
        for member, visitor in self.footprints:
            writer.add(FOOTPRINTS, {"member_id": base + member, "visitor_id": base + visitor,
                                    "visited_at": self._ago(30 * rng.random() ** 2)})

    def _diaries(self, writer: BulkWriter) -> int:
        rng, base = self.rng, self.base
        titles = [texts.diary_title(rng) for _ in range(POOL)]
        bodies = [texts.diary_body(rng) for _ in range(POOL)]
        notes = [texts.comment(rng) for _ in range(POOL)]
        authors = rng.choices(range(self.count), cum_weights=activity_weights(rng, self.count),
                              k=self.diaries)
        ages = sorted((365 * rng.random() ** 2 for _ in range(self.diaries)), reverse=True)
        comments = 0
        for i, (author, age) in enumerate(zip(authors, ages, strict=True)):
            created = self._ago(age)
            draw = rng.random()
            visibility = next(level for share, level in _VISIBILITY if draw <= share)
            writer.add(DIARIES, {
                "id": self.diary_base + i, "author_id": base + author,
                "title": rng.choice(titles), "body": rng.choice(bodies),
                "visibility": visibility, "created_at": created, "updated_at": None,
                "owner_read_at": self.anchor if rng.random() < 0.85 else created,
                "submit_key": None,
            })
            friends = self.friends[author]
            while friends and visibility != "only_me" and rng.random() < 0.38:
                writer.add(COMMENTS, {
                    "diary_id": self.diary_base + i, "author_id": base + rng.choice(friends),
                    "body": rng.choice(notes), "submit_key": None,
                    "created_at": created + timedelta(days=min(age, 3.0) * rng.random()),
                })
                comments += 1
        return comments

    def _messages(self, writer: BulkWriter) -> None:
        rng, base = self.rng, self.base
        pool = [texts.message(rng) for _ in range(POOL)]
        for i in range(self.messages):
            # the first members (the demo logins) get a few messages of their own
            recipient = i % 3 if i < 15 else rng.randrange(self.count)
            friends = self.friends[recipient]
            sender = rng.choice(friends) if friends else (recipient + 1) % self.count
            subject, body = rng.choice(pool)
            created = self._ago(180 * rng.random() ** 2)
            unread = i < 15 and i % 2 == 0 or rng.random() < 0.2
            writer.add(MESSAGES, {
                "sender_id": base + sender, "recipient_id": base + recipient,
                "subject": subject, "body": body, "created_at": created,
                "read_at": None if unread else created + timedelta(hours=rng.random() * 24),
                "sender_deleted": False, "recipient_deleted": False, "submit_key": None,
            })
