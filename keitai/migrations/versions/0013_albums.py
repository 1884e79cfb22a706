"""Albums and photos: albums, their pictures (a diary's photos too), the variants made for
each kind of screen, comments on a picture; and up to three profile photos a member, one of
them the main one (the photo each member had becomes their main photo in slot 1).

Revision ID: 0013
Revises: 0012
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keitai.models.base import UTCDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], ondelete="CASCADE",
                                   name=op.f(f"fk_{table}_{column}_{target}"))


def _pk(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*columns, name=op.f(f"pk_{table}"))


def _key(table: str, column: str) -> sa.UniqueConstraint:
    """The (owner, submit_key) constraint that makes a double submit one row."""
    return sa.UniqueConstraint(column, "submit_key", name=op.f(f"uq_{table}_{column}"))


def upgrade() -> None:
    op.create_table(
        "albums",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(50), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("visibility", sa.String(20), nullable=False),
        sa.Column("picture_count", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("submit_key", sa.String(24), nullable=True),
        _fk("albums", "owner_id", "members"), _pk("albums", "id"), _key("albums", "owner_id"),
    )
    op.create_index("ix_albums_owner_id_created_at", "albums", ["owner_id", "created_at"])
    op.create_table(
        "pictures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("album_id", sa.Integer(), nullable=True),
        sa.Column("diary_id", sa.Integer(), nullable=True),
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("caption", sa.String(100), nullable=False),
        sa.Column("content_type", sa.String(20), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("submit_key", sa.String(24), nullable=True),
        _fk("pictures", "owner_id", "members"), _fk("pictures", "album_id", "albums"),
        _fk("pictures", "diary_id", "diaries"), _pk("pictures", "id"),
        _key("pictures", "owner_id"),
        sa.UniqueConstraint("key", name=op.f("uq_pictures_key")),
    )
    op.create_index("ix_pictures_album_id_id", "pictures", ["album_id", "id"])
    op.create_index("ix_pictures_diary_id_id", "pictures", ["diary_id", "id"])
    op.create_index("ix_pictures_owner_id_size_bytes", "pictures", ["owner_id", "size_bytes"])
    op.create_table(
        "picture_variants",
        sa.Column("picture_id", sa.Integer(), nullable=False),
        sa.Column("variant", sa.String(24), nullable=False),
        sa.Column("content_type", sa.String(20), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        _fk("picture_variants", "picture_id", "pictures"),
        _pk("picture_variants", "picture_id", "variant"),
    )
    op.create_table(
        "picture_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("picture_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("submit_key", sa.String(24), nullable=True),
        _fk("picture_comments", "picture_id", "pictures"),
        _fk("picture_comments", "author_id", "members"), _pk("picture_comments", "id"),
        _key("picture_comments", "author_id"),
    )
    op.create_index("ix_picture_comments_picture_id_created_at", "picture_comments",
                    ["picture_id", "created_at"])
    # three profile photos: a slot each, one of them the main one
    with op.batch_alter_table("photos") as batch:
        batch.add_column(sa.Column("slot", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("is_main", sa.Boolean(), nullable=False,
                                   server_default=sa.true()))
        batch.drop_constraint("uq_photos_member_id", type_="unique")
        batch.create_unique_constraint("uq_photos_member_id", ["member_id", "slot"])
        batch.create_check_constraint(op.f("ck_photos_slot_range"), "slot BETWEEN 1 AND 3")
    with op.batch_alter_table("photos") as batch:
        batch.alter_column("slot", server_default=None)
        batch.alter_column("is_main", server_default=None)
    op.create_index("ix_photos_main", "photos", ["member_id"], unique=True,
                    sqlite_where=sa.text("is_main"), postgresql_where=sa.text("is_main"))


def downgrade() -> None:
    # only the main photo was a member's photo before
    op.drop_index("ix_photos_main", table_name="photos")
    op.execute("DELETE FROM photos WHERE NOT is_main")
    with op.batch_alter_table("photos") as batch:
        batch.drop_constraint(op.f("ck_photos_slot_range"), type_="check")
        batch.drop_constraint("uq_photos_member_id", type_="unique")
        batch.create_unique_constraint("uq_photos_member_id", ["member_id"])
        batch.drop_column("is_main")
        batch.drop_column("slot")
    op.drop_index("ix_picture_comments_picture_id_created_at", table_name="picture_comments")
    op.drop_table("picture_comments")
    op.drop_table("picture_variants")
    for index in ("ix_pictures_owner_id_size_bytes", "ix_pictures_diary_id_id",
                  "ix_pictures_album_id_id"):
        op.drop_index(index, table_name="pictures")
    op.drop_table("pictures")
    op.drop_index("ix_albums_owner_id_created_at", table_name="albums")
    op.drop_table("albums")
