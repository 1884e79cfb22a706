"""Reads of ミュージック: plays as a viewer may see them, the rankings, an artist's and a
track's figures, and which friends played them lately."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from keitai.db import db
from keitai.features.music.rankings import plays_visibility
from keitai.models.friendship import Friendship
from keitai.models.member import Member
from keitai.models.music import Artist, MusicRanking, MusicRankingRun, MusicSetting, Play, Track
from keitai.privacy import Visibility, can_see, not_blocked
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


def _counted() -> Any:
    """Return the condition of a play counted in public figures: its owner shares plays."""
    return plays_visibility() != Visibility.ONLY_ME.value


def _play_count(condition: Any) -> Any:
    """Return a scalar subquery: how many counted plays match condition."""
    return (select(func.count(Play.id)).join(Track, Track.id == Play.track_id)
            .outerjoin(MusicSetting, MusicSetting.member_id == Play.member_id)
            .where(condition, _counted()).correlate(None).scalar_subquery())


def track_card(track_id: int, now: datetime) -> AnyRow | None:
    """Return a track with its artist and its plays (all, and of the last 7 days).

    Columns: id, title, artist_id, artist_name, plays, plays_recent.
    """
    this = Play.track_id == track_id
    return db.session.execute(
        select(Track.id, Track.title, Artist.id.label("artist_id"),
               Artist.name.label("artist_name"), _play_count(this).label("plays"),
               _play_count(this & (Play.played_at > now - RECENT)).label("plays_recent"))
        .join(Artist, Artist.id == Track.artist_id)
        .where(Track.id == track_id)).first()


def artist_card(artist_id: int, now: datetime) -> AnyRow | None:
    """Return an artist with their plays of the last 7 days (id, name, plays_recent)."""
    recent = _play_count((Track.artist_id == artist_id) & (Play.played_at > now - RECENT))
    return db.session.execute(select(Artist.id, Artist.name, recent.label("plays_recent"))
                              .where(Artist.id == artist_id)).first()


def top_tracks(artist_id: int, limit: int) -> list[AnyRow]:
    """Return the artist's most played tracks (id, title, plays), then the rest by title."""
    plays = func.count(Play.id).label("plays")
    return list(db.session.execute(
        select(Track.id, Track.title, plays)
        .outerjoin(Play, Play.track_id == Track.id)
        .outerjoin(MusicSetting, MusicSetting.member_id == Play.member_id)
        .where(Track.artist_id == artist_id)
        .where((Play.id.is_(None)) | _counted())
        .group_by(Track.id, Track.title)
        .order_by(plays.desc(), Track.title, Track.id).limit(limit)).all())


def friends_who_played(viewer_id: int, condition: Any, now: datetime,
                       limit: int) -> list[AnyRow]:
    """Return the viewer's friends whose plays matching condition in the last 7 days the
    viewer may see, latest first (id, nickname, last_played_at)."""
    last = func.max(Play.played_at).label("last_played_at")
    return list(db.session.execute(
        select(Member.id, Member.nickname, last)
        .select_from(Friendship)
        .join(Play, Play.member_id == Friendship.friend_id)
        .join(Track, Track.id == Play.track_id)
        .join(Member, Member.id == Play.member_id)
        .outerjoin(MusicSetting, MusicSetting.member_id == Play.member_id)
        .where(Friendship.member_id == viewer_id, condition, Play.played_at > now - RECENT,
               can_see(Play.member_id, plays_visibility(), viewer_id))
        .group_by(Member.id, Member.nickname)
        .order_by(last.desc(), Member.id).limit(limit)).all())
