"""Music: artists, tracks, members' plays and the rankings.

music_artists and music_tracks are known by a normalised key (NFKC, casefolded, whitespace
collapsed). music_plays holds one play per member and time: the UNIQUE (member_id, played_at)
makes a player's resend add nothing. music_settings holds a member's player token as a keyed
hash only, and who sees their plays. music_rankings holds the rankings the worker computes
(music_ranking_runs: when it last did, the row workers claim a run by).

music_listens sums a member's plays of a track (count, last time), kept with each new play,
so that "friends who played it lately" probes an index per friend instead of reading plays.
music_track_totals and music_artist_totals hold the counted plays (all time and of the week)
the worker writes with the rankings, so an artist's or a track's page reads them by key.

Revision ID: 0025
Revises: 0024
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keitai.models.base import UTCDateTime

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "music_artists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_music_artists")),
        sa.UniqueConstraint("key", name=op.f("uq_music_artists_key")),
    )
    op.create_table(
        "music_tracks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("artist_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["artist_id"], ["music_artists.id"], ondelete="CASCADE",
                                name=op.f("fk_music_tracks_artist_id_music_artists")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_music_tracks")),
        sa.UniqueConstraint("artist_id", "key", name=op.f("uq_music_tracks_artist_id")),
    )
    op.create_table(
        "music_plays",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("track_id", sa.Integer(), nullable=False),
        sa.Column("album", sa.String(200), nullable=True),
        sa.Column("played_at", UTCDateTime(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], ondelete="CASCADE",
                                name=op.f("fk_music_plays_member_id_members")),
        sa.ForeignKeyConstraint(["track_id"], ["music_tracks.id"], ondelete="CASCADE",
                                name=op.f("fk_music_plays_track_id_music_tracks")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_music_plays")),
        sa.UniqueConstraint("member_id", "played_at", name=op.f("uq_music_plays_member_id")),
    )
    op.create_index("ix_music_plays_played_at", "music_plays", ["played_at"])
    op.create_index("ix_music_plays_track_id_played_at", "music_plays",
                    ["track_id", "played_at"])
    op.create_table(
        "music_listens",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("track_id", sa.Integer(), nullable=False),
        sa.Column("artist_id", sa.Integer(), nullable=False),
        sa.Column("plays", sa.Integer(), nullable=False),
        sa.Column("last_played_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["artist_id"], ["music_artists.id"], ondelete="CASCADE",
                                name=op.f("fk_music_listens_artist_id_music_artists")),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], ondelete="CASCADE",
                                name=op.f("fk_music_listens_member_id_members")),
        sa.ForeignKeyConstraint(["track_id"], ["music_tracks.id"], ondelete="CASCADE",
                                name=op.f("fk_music_listens_track_id_music_tracks")),
        sa.PrimaryKeyConstraint("member_id", "track_id", name=op.f("pk_music_listens")),
    )
    op.create_index("ix_music_listens_member_id_artist_id_last_played_at", "music_listens",
                    ["member_id", "artist_id", "last_played_at"])
    op.create_index("ix_music_listens_track_id", "music_listens", ["track_id"])
    op.create_table(
        "music_track_totals",
        sa.Column("track_id", sa.Integer(), nullable=False),
        sa.Column("artist_id", sa.Integer(), nullable=False),
        sa.Column("plays", sa.Integer(), nullable=False),
        sa.Column("plays_week", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["artist_id"], ["music_artists.id"], ondelete="CASCADE",
                                name=op.f("fk_music_track_totals_artist_id_music_artists")),
        sa.ForeignKeyConstraint(["track_id"], ["music_tracks.id"], ondelete="CASCADE",
                                name=op.f("fk_music_track_totals_track_id_music_tracks")),
        sa.PrimaryKeyConstraint("track_id", name=op.f("pk_music_track_totals")),
    )
    op.create_index("ix_music_track_totals_artist_id_plays", "music_track_totals",
                    ["artist_id", "plays"])
    op.create_table(
        "music_artist_totals",
        sa.Column("artist_id", sa.Integer(), nullable=False),
        sa.Column("plays_week", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["artist_id"], ["music_artists.id"], ondelete="CASCADE",
                                name=op.f("fk_music_artist_totals_artist_id_music_artists")),
        sa.PrimaryKeyConstraint("artist_id", name=op.f("pk_music_artist_totals")),
    )
    op.create_table(
        "music_settings",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=True),
        sa.Column("token_created_at", UTCDateTime(), nullable=True),
        sa.Column("token_submit_key", sa.String(32), nullable=True),
        sa.Column("visibility", sa.String(20), server_default="friends", nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], ondelete="CASCADE",
                                name=op.f("fk_music_settings_member_id_members")),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_music_settings")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_music_settings_token_hash")),
    )
    op.create_table(
        "music_rankings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("scope_member_id", sa.Integer(), nullable=True),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("plays", sa.Integer(), nullable=False),
        sa.Column("listeners", sa.Integer(), nullable=False),
        sa.Column("computed_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["scope_member_id"], ["members.id"], ondelete="CASCADE",
                                name=op.f("fk_music_rankings_scope_member_id_members")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_music_rankings")),
    )
    op.create_index("ix_music_rankings_period_kind_scope_member_id_rank", "music_rankings",
                    ["period", "kind", "scope_member_id", "rank"])
    op.create_table(
        "music_ranking_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("computed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_music_ranking_runs")),
    )


def downgrade() -> None:
    op.drop_table("music_ranking_runs")
    op.drop_index("ix_music_rankings_period_kind_scope_member_id_rank",
                  table_name="music_rankings")
    op.drop_table("music_rankings")
    op.drop_table("music_settings")
    op.drop_table("music_artist_totals")
    op.drop_index("ix_music_track_totals_artist_id_plays", table_name="music_track_totals")
    op.drop_table("music_track_totals")
    op.drop_index("ix_music_listens_track_id", table_name="music_listens")
    op.drop_index("ix_music_listens_member_id_artist_id_last_played_at",
                  table_name="music_listens")
    op.drop_table("music_listens")
    op.drop_index("ix_music_plays_track_id_played_at", table_name="music_plays")
    op.drop_index("ix_music_plays_played_at", table_name="music_plays")
    op.drop_table("music_plays")
    op.drop_table("music_tracks")
    op.drop_table("music_artists")
