"""Reads of ミュージック: plays as a viewer may see them, the rankings, an artist's and a
track's figures, and which friends played them lately.

None of the artist's and track's pages counts plays: their figures come from the totals the
worker writes with the rankings (keitai.features.music.totals), and "friends who played it
lately" from music_listens (keitai.features.music.listens), read by key per friend."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, literal, select, union_all

from keitai.db import db
from keitai.features.music.counted import plays_visibility
from keitai.models.friendship import Friendship
from keitai.models.member import Member
from keitai.models.music import (
    Artist,
    ArtistTotal,
    Listen,
    MusicRanking,
    MusicRankingRun,
    MusicSetting,
    Play,
    Track,
    TrackTotal,
)
from keitai.privacy import can_see, not_blocked
from keitai.rows import AnyRow, AnySelect

#: "played lately": what an artist's or a track's page counts as this week, and how far back
#: it looks for friends who played it
RECENT = timedelta(days=7)


def plays_of(owner_id: int, viewer_id: int) -> AnySelect:
    """Return the owner's plays the viewer may see, newest first, with track and artist.

    Columns: id, played_at, album, track_id, title, artist_id, artist_name.
    """
    return (select(Play.id, Play.played_at, Play.album, Track.id.label("track_id"),
                   Track.title, Artist.id.label("artist_id"), Artist.name.label("artist_name"))
            .join(Track, Track.id == Play.track_id)
            .join(Artist, Artist.id == Track.artist_id)
            .outerjoin(MusicSetting, MusicSetting.member_id == Play.member_id)
            .where(Play.member_id == owner_id,
                   can_see(Play.member_id, plays_visibility(), viewer_id))
            .order_by(Play.played_at.desc(), Play.id.desc()))


def recent_plays(owner_id: int, viewer_id: int, limit: int) -> list[AnyRow]:
    """Return the owner's latest plays the viewer may see (none when they may not)."""
    return list(db.session.execute(plays_of(owner_id, viewer_id).limit(limit)).all())


def listener_card(owner_id: int, viewer_id: int) -> AnyRow | None:
    """Return the owner (id, nickname, visibility, allowed: whether the viewer may see their
    plays), or None when there is no such member or a block stands between them."""
    visibility = plays_visibility()
    return db.session.execute(
        select(Member.id, Member.nickname, visibility.label("visibility"),
               can_see(Member.id, visibility, viewer_id).label("allowed"))
        .outerjoin(MusicSetting, MusicSetting.member_id == Member.id)
        .where(Member.id == owner_id, not_blocked(Member.id, viewer_id))).first()


def ranking(period: str, kind: str, scope_member_id: int | None) -> list[AnyRow]:
    """Return a ranking's lines in rank order.

    Columns: rank, plays, listeners, artist_id, artist_name, and for tracks track_id, title.
    """
    scope = (MusicRanking.scope_member_id.is_(None) if scope_member_id is None
             else MusicRanking.scope_member_id == scope_member_id)
    columns: list[Any] = [MusicRanking.rank, MusicRanking.plays, MusicRanking.listeners]
    if kind == "artist":
        statement = (select(*columns, Artist.id.label("artist_id"),
                            Artist.name.label("artist_name"))
                     .join(Artist, Artist.id == MusicRanking.subject_id))
    else:
        statement = (select(*columns, Track.id.label("track_id"), Track.title,
                            Artist.id.label("artist_id"), Artist.name.label("artist_name"))
                     .join(Track, Track.id == MusicRanking.subject_id)
                     .join(Artist, Artist.id == Track.artist_id))
    return list(db.session.execute(
        statement.where(MusicRanking.period == period, MusicRanking.kind == kind, scope)
        .order_by(MusicRanking.rank)).all())


def computed_at() -> datetime | None:
    """Return when the rankings were last computed, or None when never."""
    return db.session.scalar(select(MusicRankingRun.computed_at))


def _last_run() -> Any:
    """Return a scalar subquery: when the worker last totalled the plays (None: never)."""
    return select(MusicRankingRun.computed_at).limit(1).scalar_subquery()


def track_card(track_id: int) -> AnyRow | None:
    """Return a track with its artist and its counted plays (all, and of the last 7 days) as
    the worker last totalled them (0 when none).

    Columns: id, title, artist_id, artist_name, plays, plays_recent, computed_at (None:
    never totalled).
    """
    return db.session.execute(
        select(Track.id, Track.title, Artist.id.label("artist_id"),
               Artist.name.label("artist_name"),
               func.coalesce(TrackTotal.plays, 0).label("plays"),
               func.coalesce(TrackTotal.plays_week, 0).label("plays_recent"),
               _last_run().label("computed_at"))
        .join(Artist, Artist.id == Track.artist_id)
        .outerjoin(TrackTotal, TrackTotal.track_id == Track.id)
        .where(Track.id == track_id)).first()


def artist_card(artist_id: int) -> AnyRow | None:
    """Return an artist with their counted plays of the last 7 days as the worker last
    totalled them (id, name, plays_recent, computed_at: None when never)."""
    return db.session.execute(
        select(Artist.id, Artist.name,
               func.coalesce(ArtistTotal.plays_week, 0).label("plays_recent"),
               _last_run().label("computed_at"))
        .outerjoin(ArtistTotal, ArtistTotal.artist_id == Artist.id)
        .where(Artist.id == artist_id)).first()


def top_tracks(artist_id: int, limit: int) -> list[AnyRow]:
    """Return the artist's most played tracks (id, title, plays: all time, as the worker last
    totalled them), then the rest by title.

    The played ones come by the index on music_track_totals (artist_id, plays); the rest
    from the artist's tracks: bounded by the artist's tracks, never by the plays.
    """
    played = (select(Track.id, Track.title, TrackTotal.plays.label("plays"))
              .join(Track, Track.id == TrackTotal.track_id)
              .where(TrackTotal.artist_id == artist_id, TrackTotal.plays > 0)
              .order_by(TrackTotal.plays.desc(), Track.title, Track.id).limit(limit))
    has_total = (select(TrackTotal.track_id).where(TrackTotal.track_id == Track.id,
                                                   TrackTotal.plays > 0).exists())
    rest = (select(Track.id, Track.title, literal(0).label("plays"))
            .where(Track.artist_id == artist_id, ~has_total)
            .order_by(Track.title, Track.id).limit(limit))
    both = union_all(played.subquery().select(), rest.subquery().select()).subquery("both")
    return list(db.session.execute(
        select(both.c.id, both.c.title, both.c.plays)
        .order_by(both.c.plays.desc(), both.c.title, both.c.id).limit(limit)).all())


def friends_who_played(viewer_id: int, condition: Any, now: datetime,
                       limit: int) -> list[AnyRow]:
    """Return the viewer's friends who played what condition (on Listen) names in the last 7
    days and whose plays the viewer may see, latest first (id, nickname, last_played_at).

    Per friend, one probe of music_listens' key (member_id, track_id) or index (member_id,
    artist_id, last_played_at) finds their latest play: bounded by the friends, however many
    plays they made; the visibility is checked once per friend who played it.
    """
    latest = (select(func.max(Listen.last_played_at))
              .where(Listen.member_id == Friendship.friend_id, condition)
              .correlate(Friendship).scalar_subquery())
    friends = (select(Friendship.friend_id, latest.label("last_played_at"))
               .where(Friendship.member_id == viewer_id).subquery("friends"))
    return list(db.session.execute(
        select(Member.id, Member.nickname, friends.c.last_played_at)
        .join(Member, Member.id == friends.c.friend_id)
        .outerjoin(MusicSetting, MusicSetting.member_id == Member.id)
        .where(friends.c.last_played_at > now - RECENT,
               can_see(Member.id, plays_visibility(), viewer_id))
        .order_by(friends.c.last_played_at.desc(), Member.id).limit(limit)).all())
