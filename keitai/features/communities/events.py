"""Events (イベント): create one, join and cancel, read an event and its participants.

An event is a topic of kind "event" (its title, description and numbered comments) with an
Event row keyed by the topic's id. The participant count lives on the Event row and moves
in the same unit of work as the participant rows:

- join: `UPDATE events SET participant_count = participant_count + 1 WHERE ... AND
  (capacity IS NULL OR participant_count < capacity) RETURNING` takes a place and locks the
  row until the unit ends, so joins at once on PostgreSQL queue on it and the last places go
  to exactly as many as there are (the WHERE is evaluated again on the row each waiter
  finds). The participant row is then inserted with ON CONFLICT DO NOTHING; a member who
  was in already (a double submit) gives the place back, under the same lock.
- cancel: locks the row the same way first (SELECT ... FOR UPDATE), then DELETE ...
  RETURNING and the decrement, so a join and a cancel never wait on each other's rows in
  opposite orders.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import delete, exists, select, update

from keitai.db import db
from keitai.domain import DomainError, NotAllowed, NotFound, checked_text
from keitai.features.communities import topics
from keitai.features.communities.access import Access, NotAMember, community_access
from keitai.features.communities.sql import author_name, id_param
from keitai.models.base import utcnow
from keitai.models.community import Community, Event, EventParticipant, Topic
from keitai.models.member import Member
from keitai.pagination import Page, fetch_prepared, paged
from keitai.privacy import not_blocked
from keitai.rows import AnySelect
from keitai.upsert import dialect_insert

PLACE_MAX = 100
#: the largest capacity the form takes (four digits on a keypad)
CAPACITY_MAX = 9999
DESCRIPTION_MAX = topics.BODY_MAX


class EventNotFound(NotFound):
    """No such event, or one the member may not read (the two look alike)."""

    default_message = "イベントが見つからないか、見ることができません。"


class MembersJoinEvents(NotAllowed):
    """Only the community's members take part in its events."""

    default_message = "コミュニティに参加すると、イベントに参加できます。"


class PastDeadline(DomainError):
    """The deadline (or, without one, the start) has passed."""

    default_message = "締め切りを過ぎたため参加できません。"


class EventFull(DomainError):
    """Every place is taken."""

    def __init__(self, capacity: int) -> None:
        super().__init__(f"定員({capacity}人)に達したため参加できません。")


class EventStarted(DomainError):
    """A participation is not cancelled once the event has begun."""

    default_message = "イベントの開催日時を過ぎたため、参加を取り消せません。"


@dataclass(frozen=True)
class ShownEvent:
    """An event as its page shows it to one viewer."""

    topic: Topic
    event: Event
    author_nickname: str
    community_name: str
    access: Access
    #: the viewer takes part
    joined: bool

    @property
    def closes_at(self) -> datetime:
        """Return when joining ends: the deadline, else the start."""
        return closes_at(self.event)

    @property
    def closed(self) -> bool:
        """Return True when joining has ended."""
        return utcnow() >= self.closes_at

    @property
    def started(self) -> bool:
        """Return True once the event has begun (participations stay as they are)."""
        return utcnow() >= self.event.starts_at

    @property
    def full(self) -> bool:
        """Return True when every place is taken."""
        capacity = self.event.capacity
        return capacity is not None and self.event.participant_count >= capacity


def closes_at(event: Event) -> datetime:
    """Return when joining the event ends: its deadline, else its start."""
    return event.deadline if event.deadline is not None else event.starts_at




def check_schedule(starts_at: datetime, deadline: datetime | None, now: datetime) -> None:
    """Raise DomainError unless the start is ahead and the deadline between now and it."""
    if starts_at <= now:
        raise DomainError("開催日時は今より後の日時を入力してください。")
    if deadline is not None:
        if deadline <= now:
            raise DomainError("締め切りは今より後の日時を入力してください。")
        if deadline > starts_at:
            raise DomainError("締め切りは開催日時より前の日時を入力してください。")


def create_event(access: Access, author_id: int, title: str, description: str,
                 starts_at: datetime, place: str, deadline: datetime | None,
                 capacity: int | None, key: str) -> int:
    """Create an event (once per form key) where the member may; return its id (its
    topic's id)."""
    access.require_creator()
    title = checked_text("タイトル", " ".join(title.split()), topics.TITLE_MAX)
    place = checked_text("場所", " ".join(place.split()), PLACE_MAX)
    description = checked_text("説明", description.strip(), DESCRIPTION_MAX)
    check_schedule(starts_at, deadline, utcnow())
    if capacity is not None and not 1 <= capacity <= CAPACITY_MAX:
        raise DomainError(f"定員は1人から{CAPACITY_MAX}人までで入力してください(なしは空欄)。")
    topic_id = topics.create_topic(access, author_id, title, description, key, kind="event")
    # a double submit found the first form's topic: its event row is there already
    db.session.execute(
        dialect_insert(Event).values(
            topic_id=topic_id, community_id=access.community.id, starts_at=starts_at,
            place=place, deadline=deadline, capacity=capacity, participant_count=0)
        .on_conflict_do_nothing(index_elements=["topic_id"]))
    return topic_id


@cache
def _event() -> AnySelect:
    """Build, once, the read of an event with its author, community and the viewer's place."""
    topic_id, viewer = id_param("topic_id"), id_param("viewer_id")
    joined = exists().where(EventParticipant.event_id == topic_id,
                            EventParticipant.member_id == viewer)
    return (select(Topic, Event, author_name(Topic.author_id),
                   Community.name.label("community_name"), joined.label("joined"))
            .join(Event, Event.topic_id == Topic.id)
            .join(Community, Community.id == Topic.community_id)
            .where(Topic.id == topic_id, not_blocked(Topic.author_id, viewer)))


def readable_event(event_id: int, viewer_id: int) -> ShownEvent:
    """Return an event the viewer may read; EventNotFound otherwise (a block, members-only
    topics, no such event)."""
    row = db.session.execute(_event(), {"topic_id": event_id, "viewer_id": viewer_id}).first()
    if row is None:
        raise EventNotFound()
    access = community_access(row[0].community_id, viewer_id)
    if not access.reads_topics:
        raise EventNotFound()
    return ShownEvent(row[0], row[1], row.author_nickname, row.community_name, access,
                      bool(row.joined))


def _require_member(access: Access) -> None:
    try:
        access.require_member()
    except NotAMember as refused:
        raise MembersJoinEvents() from refused


def join_event(event_id: int, member_id: int) -> bool:
    """Take part in an event of a community the member belongs to; return False when the
    member took part already. Refused after the deadline and when every place is taken."""
    shown = readable_event(event_id, member_id)
    _require_member(shown.access)
    if shown.joined:
        return False
    if shown.closed:
        raise PastDeadline()
    place = db.session.execute(
        update(Event).where(Event.topic_id == event_id,
                            (Event.capacity.is_(None))
                            | (Event.participant_count < Event.capacity))
        .values(participant_count=Event.participant_count + 1)
        .returning(Event.deadline, Event.starts_at)
        .execution_options(synchronize_session=False)).first()
    if place is None:  # full (or deleted meanwhile); the member may have got in before
        return _refuse_full(event_id, member_id)
    # we hold the row now: its deadline is the one that counts
    if utcnow() >= (place.deadline if place.deadline is not None else place.starts_at):
        raise PastDeadline()
    added = db.session.execute(
        dialect_insert(EventParticipant).values(
            event_id=event_id, member_id=member_id, joined_at=utcnow())
        .on_conflict_do_nothing(index_elements=["event_id", "member_id"])
        .returning(EventParticipant.member_id)).first()
    if added is None:  # the same form twice: give the place back while we hold the row
        _count(event_id, -1)
        return False
    return True


def _refuse_full(event_id: int, member_id: int) -> bool:
    row = db.session.execute(
        select(Event.capacity,
               exists().where(EventParticipant.event_id == event_id,
                              EventParticipant.member_id == member_id).label("joined"))
        .where(Event.topic_id == event_id)).first()
    if row is None:
        raise EventNotFound()
    if row.joined:
        return False
    raise EventFull(row.capacity)


def _count(event_id: int, step: int) -> None:
    db.session.execute(update(Event).where(Event.topic_id == event_id)
                       .values(participant_count=Event.participant_count + step)
                       .execution_options(synchronize_session=False))


def cancel_participation(event_id: int, member_id: int) -> bool:
    """Stop taking part in an event; return False when the member was not taking part.
    Refused once the event has begun."""
    readable_event(event_id, member_id)
    starts_at = db.session.scalar(
        select(Event.starts_at).where(Event.topic_id == event_id).with_for_update())
    if starts_at is None:
        raise EventNotFound()
    if utcnow() >= starts_at:
        raise EventStarted()
    gone = db.session.execute(
        delete(EventParticipant).where(EventParticipant.event_id == event_id,
                                       EventParticipant.member_id == member_id)
        .returning(EventParticipant.member_id)).first()
    if gone is None:
        return False
    _count(event_id, -1)
    return True


@cache
def _participants() -> AnySelect:
    """Build, once, a page of an event's participants, in the order they joined."""
    return paged(select(EventParticipant.member_id, EventParticipant.joined_at, Member.nickname)
                 .join(Member, Member.id == EventParticipant.member_id)
                 .where(EventParticipant.event_id == id_param("event_id"),
                        not_blocked(EventParticipant.member_id, id_param("viewer_id")))
                 .order_by(EventParticipant.joined_at, EventParticipant.member_id))


def participants(event_id: int, viewer_id: int, number: int, per_page: int) -> Page:
    """Return a page of an event's participants, first to join first (a block between a
    participant and the viewer hides them)."""
    return fetch_prepared(_participants(), {"event_id": event_id, "viewer_id": viewer_id},
                          number, per_page)
