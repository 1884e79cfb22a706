"""The social graph: friends, requests, blocks, profiles, photos, footprints, bookmarks,
endorsements.

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keitai.models.base import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _member_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["members.id"], ondelete="CASCADE",
                                   name=op.f(f"fk_{table}_{column}_members"))


def upgrade() -> None:
    op.create_table(
        "friendships",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("friend_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        _member_fk("friendships", "member_id"), _member_fk("friendships", "friend_id"),
        sa.PrimaryKeyConstraint("member_id", "friend_id", name=op.f("pk_friendships")),
    )
    op.create_index("ix_friendships_friend_id", "friendships", ["friend_id"])
    op.create_table(
        "friend_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("message", sa.String(500), nullable=False),
        sa.Column("knows_person", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        _member_fk("friend_requests", "sender_id"), _member_fk("friend_requests", "recipient_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_friend_requests")),
        sa.UniqueConstraint("sender_id", "recipient_id",
                            name=op.f("uq_friend_requests_sender_id")),
    )
    op.create_index("ix_friend_requests_recipient_id", "friend_requests", ["recipient_id"])
    op.create_table(
        "friend_counts",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        _member_fk("friend_counts", "member_id"),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_friend_counts")),
    )
    op.create_table(
        "blocks",
        sa.Column("blocker_id", sa.Integer(), nullable=False),
        sa.Column("blocked_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        _member_fk("blocks", "blocker_id"), _member_fk("blocks", "blocked_id"),
        sa.PrimaryKeyConstraint("blocker_id", "blocked_id", name=op.f("pk_blocks")),
    )
    op.create_index("ix_blocks_blocked_id", "blocks", ["blocked_id"])
    op.create_table(
        "profiles",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("introduction", sa.Text(), nullable=False),
        sa.Column("introduction_visibility", sa.String(20), nullable=False),
        sa.Column("footprints_seen_at", UTCDateTime(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        _member_fk("profiles", "member_id"),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_profiles")),
    )
    op.create_table(
        "profile_fields",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(20), nullable=False),
        sa.Column("value", sa.String(200), nullable=False),
        sa.Column("visibility", sa.String(20), nullable=False),
        _member_fk("profile_fields", "member_id"),
        sa.PrimaryKeyConstraint("member_id", "name", name=op.f("pk_profile_fields")),
    )
    op.create_table(
        "photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("content_type", sa.String(20), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        _member_fk("photos", "member_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_photos")),
        sa.UniqueConstraint("member_id", name=op.f("uq_photos_member_id")),
        sa.UniqueConstraint("key", name=op.f("uq_photos_key")),
    )
    op.create_table(
        "photo_variants",
        sa.Column("photo_id", sa.Integer(), nullable=False),
        sa.Column("variant", sa.String(24), nullable=False),
        sa.Column("content_type", sa.String(20), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["photo_id"], ["photos.id"], ondelete="CASCADE",
                                name=op.f("fk_photo_variants_photo_id_photos")),
        sa.PrimaryKeyConstraint("photo_id", "variant", name=op.f("pk_photo_variants")),
    )
    op.create_table(
        "footprints",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("visitor_id", sa.Integer(), nullable=False),
        sa.Column("visited_at", UTCDateTime(), nullable=False),
        _member_fk("footprints", "member_id"), _member_fk("footprints", "visitor_id"),
        sa.PrimaryKeyConstraint("member_id", "visitor_id", name=op.f("pk_footprints")),
    )
    op.create_index("ix_footprints_visitor_id", "footprints", ["visitor_id"])
    op.create_index("ix_footprints_member_id_visited_at", "footprints",
                    ["member_id", "visited_at"])
    op.create_table(
        "bookmarks",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        _member_fk("bookmarks", "member_id"), _member_fk("bookmarks", "target_id"),
        sa.PrimaryKeyConstraint("member_id", "target_id", name=op.f("pk_bookmarks")),
    )
    op.create_index("ix_bookmarks_target_id", "bookmarks", ["target_id"])
    op.create_table(
        "endorsements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(100), nullable=False),
        sa.Column("body", sa.String(1000), nullable=False),
        sa.Column("hidden", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        _member_fk("endorsements", "author_id"), _member_fk("endorsements", "subject_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_endorsements")),
        sa.UniqueConstraint("author_id", "subject_id", name=op.f("uq_endorsements_author_id")),
    )
    op.create_index("ix_endorsements_subject_id_updated_at", "endorsements",
                    ["subject_id", "updated_at"])


def downgrade() -> None:
    op.drop_index("ix_endorsements_subject_id_updated_at", table_name="endorsements")
    op.drop_table("endorsements")
    op.drop_index("ix_bookmarks_target_id", table_name="bookmarks")
    op.drop_table("bookmarks")
    op.drop_index("ix_footprints_member_id_visited_at", table_name="footprints")
    op.drop_index("ix_footprints_visitor_id", table_name="footprints")
    op.drop_table("footprints")
    op.drop_table("photo_variants")
    op.drop_table("photos")
    op.drop_table("profile_fields")
    op.drop_table("profiles")
    op.drop_index("ix_blocks_blocked_id", table_name="blocks")
    op.drop_table("blocks")
    op.drop_table("friend_counts")
    op.drop_index("ix_friend_requests_recipient_id", table_name="friend_requests")
    op.drop_table("friend_requests")
    op.drop_index("ix_friendships_friend_id", table_name="friendships")
    op.drop_table("friendships")
