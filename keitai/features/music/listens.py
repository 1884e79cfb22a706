"""music_listens: how often each member played each track, and when last.

A play the API records for the first time adds one to its (member, track) row in the same
transaction (one INSERT ... ON CONFLICT DO UPDATE per batch); a resent play, refused by the
UNIQUE (member_id, played_at), adds nothing. A member's rows go with the member (FK cascade).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import case, delete, func, insert, select
from sqlalchemy.orm import Session

from keitai.db import db
from keitai.models.music import Listen, Play, Track
from keitai.upsert import dialect_insert


def count_new(member_id: int, added: Iterable[tuple[datetime, int]],
              artist_of: dict[int, int]) -> None:
    """Add the member's newly recorded plays, as (played_at, track_id), to their listens;
    artist_of maps each track to its artist."""
    totals: dict[int, tuple[int, datetime]] = {}
    for played_at, track_id in added:
        plays, last = totals.get(track_id, (0, played_at))
        totals[track_id] = (plays + 1, max(last, played_at))
    if not totals:
        return
    rows = [{"member_id": member_id, "track_id": track_id, "artist_id": artist_of[track_id],
             "plays": plays, "last_played_at": last}
            for track_id, (plays, last) in sorted(totals.items())]
    statement: Any = dialect_insert(Listen).values(rows)
    new = statement.excluded
    db.session.execute(statement.on_conflict_do_update(
        index_elements=[Listen.member_id, Listen.track_id],
        set_={"plays": Listen.plays + new.plays,
              "last_played_at": case((new.last_played_at > Listen.last_played_at,
                                      new.last_played_at), else_=Listen.last_played_at)}))


def rebuild(session: Session) -> int:
    """Recompute every listen from the plays, set-based (for bulk loads that insert plays
    directly, such as the benchmark's); return how many rows there are now."""
    session.execute(delete(Listen))
    session.execute(insert(Listen).from_select(
        ["member_id", "track_id", "artist_id", "plays", "last_played_at"],
        select(Play.member_id, Play.track_id, Track.artist_id, func.count(),
               func.max(Play.played_at))
        .join(Track, Track.id == Play.track_id)
        .group_by(Play.member_id, Play.track_id, Track.artist_id)))
    return int(session.scalar(select(func.count()).select_from(Listen)) or 0)
