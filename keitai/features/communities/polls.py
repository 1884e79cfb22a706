"""Polls (アンケート): create one, vote (and change the vote until it closes), count.

One vote per member and poll is the primary key of poll_votes: a vote is
`INSERT ... ON CONFLICT (poll_id, member_id) DO UPDATE SET choice_id`, so a double submit
or two app servers at once leave one row, and a changed vote replaces the first. The
results are one GROUP BY over the poll's choices, shown as counts, percentages and a bar of
■ and □ (both in JIS X 0208: every Japanese handset shows them, in every charset we send).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Row, and_, func, select

from keitai.db import db
from keitai.domain import DomainError, NotAllowed, NotFound, checked_text
from keitai.features.communities.access import Access, NotAMember, community_access
from keitai.features.communities.sql import author_name, id_param
from keitai.features.communities.topics import posted
from keitai.models.base import utcnow
from keitai.models.community import Community, Poll, PollChoice, PollVote
from keitai.privacy import not_blocked
from keitai.rows import AnySelect
from keitai.submit_keys import insert_once
from keitai.upsert import dialect_insert, insert_ignore

QUESTION_MAX = 100
LABEL_MAX = 50
CHOICES_MIN, CHOICES_MAX = 2, 20
#: a result's bar: this many cells, each a tenth of the votes
BAR_CELLS = 10
BAR_FULL, BAR_EMPTY = "■", "□"


class PollNotFound(NotFound):
    """No such poll, or one the member may not read (the two look alike)."""

    default_message = "アンケートが見つからないか、見ることができません。"


class MembersVote(NotAllowed):
    """Only the community's members vote in its polls."""

    default_message = "コミュニティに参加すると、投票できます。"


class PollClosed(DomainError):
    """The poll has closed: no vote is taken or changed any more."""

    default_message = "投票は締め切られました。"


class NotAChoice(DomainError):
    """The vote names none of the poll's choices."""

    default_message = "選択肢を選んでから投票してください。"


@dataclass(frozen=True)
class ShownPoll:
    """A poll as its page shows it to one viewer."""

    poll: Poll
    author_nickname: str
    community_name: str
    access: Access
    #: the choice the viewer voted for, None before voting
    my_choice: int | None

    @property
    def closed(self) -> bool:
        """Return True once the poll has closed."""
        return utcnow() >= self.poll.closes_at

    @property
    def results_shown(self) -> bool:
        """Return True when the viewer sees the results: after closing to every reader,
        before to those who voted when the author let them."""
        return self.closed or (self.poll.results_open and self.my_choice is not None)


@dataclass(frozen=True)
class Result:
    """One choice's share of the votes."""

    choice_id: int
    label: str
    votes: int
    #: a whole percent of all votes (rounded half up)
    percent: int
    #: BAR_CELLS characters, ■ for each tenth of the votes and □ for the rest
    bar: str



def _single_line(text: str) -> str:
    return " ".join(text.split())


def clean_choices(labels: list[str]) -> list[str]:
    """Return the choices typed, blanks left out; DomainError unless 2-20, each short,
    none twice."""
    choices = [label for label in map(_single_line, labels) if label]
    if len(choices) < CHOICES_MIN:
        raise DomainError(f"選択肢を{CHOICES_MIN}つ以上入力してください。")
    if len(choices) > CHOICES_MAX:
        raise DomainError(f"選択肢は{CHOICES_MAX}個までです(今は{len(choices)}個です)。")
    seen: set[str] = set()
    for number, label in enumerate(choices, 1):
        checked_text(f"選択肢{number}", label, LABEL_MAX)
        if label in seen:
            raise DomainError(f"同じ選択肢「{label}」が2つあります。")
        seen.add(label)
    return choices


def create_poll(access: Access, author_id: int, question: str, labels: list[str],
                closes_at: datetime, results_open: bool, key: str) -> int:
    """Create a poll (once per form key) where the member may; return its id."""
    access.require_creator()
    question = checked_text("質問", _single_line(question), QUESTION_MAX)
    choices = clean_choices(labels)
    now = utcnow()
    if closes_at <= now:
        raise DomainError("締め切りは今より後の日時を入力してください。")
    poll_id = insert_once(Poll, "author_id", {
        "community_id": access.community.id, "author_id": author_id, "question": question,
        "closes_at": closes_at, "results_open": results_open, "created_at": now,
        "submit_key": key,
    })
    # a double submit found the first form's poll: its choices are there already
    insert_ignore(PollChoice, [{"poll_id": poll_id, "position": position, "label": label}
                               for position, label in enumerate(choices, 1)])
    posted(access.community.id)
    return poll_id


@cache
def _poll() -> AnySelect:
    """Build, once, the read of a poll with its author, community and the viewer's vote."""
    poll_id, viewer = id_param("poll_id"), id_param("viewer_id")
    mine = select(PollVote.choice_id).where(PollVote.poll_id == poll_id,
                                            PollVote.member_id == viewer).scalar_subquery()
    return (select(Poll, author_name(Poll.author_id),
                   Community.name.label("community_name"), mine.label("my_choice"))
            .join(Community, Community.id == Poll.community_id)
            .where(Poll.id == poll_id, not_blocked(Poll.author_id, viewer)))


def readable_poll(poll_id: int, viewer_id: int) -> ShownPoll:
    """Return a poll the viewer may read; PollNotFound otherwise (a block, members-only
    topics, no such poll)."""
    row = db.session.execute(_poll(), {"poll_id": poll_id, "viewer_id": viewer_id}).first()
    if row is None:
        raise PollNotFound()
    access = community_access(row[0].community_id, viewer_id)
    if not access.reads_topics:
        raise PollNotFound()
    return ShownPoll(row[0], row.author_nickname, row.community_name, access, row.my_choice)


@cache
def _tally() -> AnySelect:
    """Build, once, a poll's choices in order with their votes (one GROUP BY)."""
    return (select(PollChoice.id, PollChoice.position, PollChoice.label,
                   func.count(PollVote.member_id).label("votes"))
            .outerjoin(PollVote, and_(PollVote.poll_id == PollChoice.poll_id,
                                      PollVote.choice_id == PollChoice.id))
            .where(PollChoice.poll_id == id_param("poll_id"))
            .group_by(PollChoice.id, PollChoice.label, PollChoice.position)
            .order_by(PollChoice.position))


def tally(poll_id: int) -> list[Row[Any]]:
    """Return a poll's choices (id, position, label, votes), in the author's order."""
    return list(db.session.execute(_tally(), {"poll_id": poll_id}).all())


def _share(votes: int, total: int, parts: int) -> int:
    """Return votes/total in parts (rounded half up), 0 without votes."""
    return (2 * votes * parts + total) // (2 * total) if total else 0


def bar(votes: int, total: int) -> str:
    """Return the text bar of votes out of total: '■■■□□□□□□□' (a vote shows one ■)."""
    cells = _share(votes, total, BAR_CELLS)
    if votes and not cells:
        cells = 1
    return BAR_FULL * cells + BAR_EMPTY * (BAR_CELLS - cells)


def results(rows: list[Row[Any]]) -> list[Result]:
    """Return each choice's votes, percent and bar, from the rows of `tally`."""
    total = sum(row.votes for row in rows)
    return [Result(row.id, row.label, row.votes, _share(row.votes, total, 100),
                   bar(row.votes, total)) for row in rows]


def vote(poll_id: int, member_id: int, position: int | None) -> bool:
    """Vote for one of a poll's choices (by its place in the list, 1 to 20: what the form
    sends), or change the vote while the poll is open; return True when an earlier vote was
    changed."""
    shown = readable_poll(poll_id, member_id)
    try:
        shown.access.require_member()
    except NotAMember as refused:
        raise MembersVote() from refused
    if shown.closed:
        raise PollClosed()
    choice_id = None if position is None else db.session.scalar(select(PollChoice.id).where(
        PollChoice.poll_id == poll_id, PollChoice.position == position))
    if choice_id is None:
        raise NotAChoice()
    statement = dialect_insert(PollVote).values(
        poll_id=poll_id, member_id=member_id, choice_id=choice_id, voted_at=utcnow())
    db.session.execute(statement.on_conflict_do_update(
        index_elements=["poll_id", "member_id"],
        set_={"choice_id": statement.excluded.choice_id,
              "voted_at": statement.excluded.voted_at}))
    return shown.my_choice is not None and shown.my_choice != choice_id
