"""The counted plays of each track and artist, written by the worker beside the rankings.

A track's page shows its plays of the last 7 days and of all time, an artist's page the
artist's plays of the week and their most played tracks: counting those from music_plays
would cost a page more as plays grow, so the ranking run writes them here, set-based, and
the pages read them by key (with 「集計」 and the run's time, as the rankings say).

Counted plays are those of members who do not keep theirs to themselves (非公開), as they
stand at the run; all time comes from music_listens (one row per member and track), the week
from the week's plays.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from keitai.features.music.counted import WEEK, counted
from keitai.models.music import ArtistTotal, Listen, MusicSetting, Play, TrackTotal


def write(session: Session, now: datetime) -> None:
    """Replace every track's and artist's totals with those of now."""
    session.execute(delete(TrackTotal))
    session.execute(delete(ArtistTotal))
    ever = (select(Listen.track_id, Listen.artist_id, func.sum(Listen.plays).label("plays"))
            .outerjoin(MusicSetting, MusicSetting.member_id == Listen.member_id)
            .where(counted())
            .group_by(Listen.track_id, Listen.artist_id).subquery("ever"))
    week = (select(Play.track_id, func.count().label("plays"))
            .outerjoin(MusicSetting, MusicSetting.member_id == Play.member_id)
            .where(Play.played_at > now - WEEK, Play.played_at <= now,
                   counted())
            .group_by(Play.track_id).subquery("week"))
    session.execute(insert(TrackTotal).from_select(
        ["track_id", "artist_id", "plays", "plays_week"],
        select(ever.c.track_id, ever.c.artist_id, ever.c.plays,
               func.coalesce(week.c.plays, 0))
        .outerjoin(week, week.c.track_id == ever.c.track_id)))
    weekly = func.sum(TrackTotal.plays_week)
    session.execute(insert(ArtistTotal).from_select(
        ["artist_id", "plays_week"],
        select(TrackTotal.artist_id, weekly).group_by(TrackTotal.artist_id)
        .having(weekly > 0)))
