"""Event reminders: the day before an event (Japan time), its participants are told, once.

The worker's periodic maintenance runs remind_events. Each event is claimed by inserting its
EventReminder row (INSERT ... ON CONFLICT DO NOTHING): of several workers, or of a pass that
runs twice, only the one whose row went in notifies, in the same transaction.
"""
from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from keitai.models.community import Event, EventParticipant
from keitai.models.notice import EventReminder
from keitai.notices import clock, notify
from keitai.timefmt import JST
from keitai.upsert import insert_ignore

#: events reminded per batch (and transaction)
BATCH = 100


def tomorrow(now: datetime) -> tuple[datetime, datetime]:
    """Return the start and the end of tomorrow in Japan, as aware datetimes."""
    start = datetime.combine(now.astimezone(JST).date() + timedelta(days=1), time(), JST)
    return start, start + timedelta(days=1)


def remind_events(session: Session, now: datetime | None = None, batch: int = BATCH) -> int:
    """Notify the participants of a batch of tomorrow's events not reminded yet; return how
    many events this call reminded (0: none left, or the rest is another worker's)."""
    start, end = tomorrow(now or clock.now())
    due = session.scalars(
        select(Event.topic_id)
        .where(Event.starts_at >= start, Event.starts_at < end,
               ~exists().where(EventReminder.event_id == Event.topic_id))
        .order_by(Event.topic_id).limit(batch)).all()
    reminded = 0
    for event_id in due:
        if not insert_ignore(EventReminder, {"event_id": event_id, "created_at": clock.now()}):
            continue  # another worker has it
        reminded += 1
        participants = session.scalars(select(EventParticipant.member_id)
                                       .where(EventParticipant.event_id == event_id)).all()
        for member_id in participants:
            notify(member_id, "event_tomorrow", "communities.event", {"event_id": event_id})
    return reminded
