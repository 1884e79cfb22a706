"""ミュージック: artists and tracks, the plays members' players report, the players' tokens
and who sees the plays, and the rankings the worker computes."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow
from keitai.privacy import VISIBILITY_LENGTH, Visibility

#: the longest artist name, track title and album title kept (characters)
ARTIST_MAX, TITLE_MAX, ALBUM_MAX = 100, 200, 200


class Artist(Base):
    """An artist, known by a normalised key so that "ＡＢＣ" and "abc " are one artist."""

    __tablename__ = "music_artists"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the name as the first player reported it (NFC)
    name: Mapped[str] = mapped_column(String(ARTIST_MAX))
    #: NFKC, casefolded, whitespace collapsed: what tells two artists apart
    key: Mapped[str] = mapped_column(String(ARTIST_MAX), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Track(Base):
    """A track of an artist, one per normalised title."""

    __tablename__ = "music_tracks"
    __table_args__ = (UniqueConstraint("artist_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    artist_id: Mapped[int] = mapped_column(ForeignKey("music_artists.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    key: Mapped[str] = mapped_column(String(TITLE_MAX))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Play(Base):
    """One play a member's player reported; one per member and time (the idempotency)."""

    __tablename__ = "music_plays"
    __table_args__ = (
        UniqueConstraint("member_id", "played_at"),
        Index("ix_music_plays_played_at", "played_at"),
        Index("ix_music_plays_track_id_played_at", "track_id", "played_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    track_id: Mapped[int] = mapped_column(ForeignKey("music_tracks.id", ondelete="CASCADE"))
    #: the album the player named, as it named it (NFC); None when it named none
    album: Mapped[str | None] = mapped_column(String(ALBUM_MAX))
    played_at: Mapped[datetime] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Listen(Base):
    """How often a member played a track, and when last: one row per (member, track), kept
    with each new play in the play's transaction. "Friends who played it lately" reads it by
    index (a probe per friend), never the plays."""

    __tablename__ = "music_listens"
    __table_args__ = (
        Index("ix_music_listens_member_id_artist_id_last_played_at",
              "member_id", "artist_id", "last_played_at"),
        Index("ix_music_listens_track_id", "track_id"),
    )

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    track_id: Mapped[int] = mapped_column(
        ForeignKey("music_tracks.id", ondelete="CASCADE"), primary_key=True)
    #: the track's artist (a copy: the index of an artist's listeners)
    artist_id: Mapped[int] = mapped_column(ForeignKey("music_artists.id", ondelete="CASCADE"))
    plays: Mapped[int] = mapped_column(Integer)
    last_played_at: Mapped[datetime] = mapped_column()


class TrackTotal(Base):
    """A track's counted plays (those of members who share them), all and of the last 7
    days, as the worker's last ranking run found them; only tracks with counted plays."""

    __tablename__ = "music_track_totals"
    __table_args__ = (
        Index("ix_music_track_totals_artist_id_plays", "artist_id", "plays"),
    )

    track_id: Mapped[int] = mapped_column(
        ForeignKey("music_tracks.id", ondelete="CASCADE"), primary_key=True)
    artist_id: Mapped[int] = mapped_column(ForeignKey("music_artists.id", ondelete="CASCADE"))
    plays: Mapped[int] = mapped_column(Integer)
    plays_week: Mapped[int] = mapped_column(Integer)


class ArtistTotal(Base):
    """An artist's counted plays of the last 7 days, as the worker's last run found them;
    only artists with counted plays that week."""

    __tablename__ = "music_artist_totals"

    artist_id: Mapped[int] = mapped_column(
        ForeignKey("music_artists.id", ondelete="CASCADE"), primary_key=True)
    plays_week: Mapped[int] = mapped_column(Integer)


class MusicSetting(Base):
    """A member's player token (as a keyed hash only) and who may see their plays."""

    __tablename__ = "music_settings"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    #: HMAC of the token under the site's key; None: no token (never issued, or revoked)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    token_created_at: Mapped[datetime | None] = mapped_column()
    #: the submit key of the form that issued the token: a resent form issues no second one
    token_submit_key: Mapped[str | None] = mapped_column(String(32))
    #: a keitai.privacy.Visibility value: who sees the member's plays
    visibility: Mapped[str] = mapped_column(String(VISIBILITY_LENGTH),
                                            default=Visibility.FRIENDS.value,
                                            server_default=Visibility.FRIENDS.value)


class MusicRanking(Base):
    """One line of a ranking: the rank of an artist or a track in a period, for everyone
    (scope_member_id None) or among one member's friends."""

    __tablename__ = "music_rankings"
    __table_args__ = (
        Index("ix_music_rankings_period_kind_scope_member_id_rank",
              "period", "kind", "scope_member_id", "rank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: "day" (the last 24 hours) or "week" (the last 7 days)
    period: Mapped[str] = mapped_column(String(8))
    #: "artist" or "track"
    kind: Mapped[str] = mapped_column(String(8))
    #: None: everyone's plays; a member: the plays of that member's friends they may see
    scope_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"))
    rank: Mapped[int] = mapped_column(Integer)
    #: the artist's or the track's id, as kind says
    subject_id: Mapped[int] = mapped_column(Integer)
    plays: Mapped[int] = mapped_column(Integer)
    #: how many members played it
    listeners: Mapped[int] = mapped_column(Integer)
    computed_at: Mapped[datetime] = mapped_column()


class MusicRankingRun(Base):
    """When the rankings were last computed (one row): workers claim a run by moving it."""

    __tablename__ = "music_ranking_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    computed_at: Mapped[datetime] = mapped_column()
