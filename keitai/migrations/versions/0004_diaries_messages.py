"""Diaries, diary comments and messages.

Revision ID: 0004
Revises: 0003
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keitai.models.base import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _member_fk(table: str, column: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["members.id"], ondelete="CASCADE",
                                   name=op.f(f"fk_{table}_{column}_members"))


def upgrade() -> None:
    op.create_table(
        "diaries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(50), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("visibility", sa.String(20), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=True),
        sa.Column("owner_read_at", UTCDateTime(), nullable=False),
        sa.Column("submit_key", sa.String(24), nullable=True),
        _member_fk("diaries", "author_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_diaries")),
        sa.UniqueConstraint("author_id", "submit_key", name=op.f("uq_diaries_author_id")),
    )
    op.create_index("ix_diaries_author_timeline", "diaries",
                    ["author_id", "created_at", "visibility", "id"])
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("diary_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("submit_key", sa.String(24), nullable=True),
        sa.ForeignKeyConstraint(["diary_id"], ["diaries.id"], ondelete="CASCADE",
                                name=op.f("fk_comments_diary_id_diaries")),
        _member_fk("comments", "author_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
        sa.UniqueConstraint("author_id", "submit_key", name=op.f("uq_comments_author_id")),
    )
    op.create_index("ix_comments_diary_id_created_at", "comments", ["diary_id", "created_at"])
    op.create_table(
        "messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(50), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("read_at", UTCDateTime(), nullable=True),
        sa.Column("sender_deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("recipient_deleted", sa.Boolean(), server_default=sa.false(),
                  nullable=False),
        sa.Column("submit_key", sa.String(24), nullable=True),
        _member_fk("messages", "sender_id"), _member_fk("messages", "recipient_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
        sa.UniqueConstraint("sender_id", "submit_key", name=op.f("uq_messages_sender_id")),
    )
    op.create_index("ix_messages_inbox", "messages",
                    ["recipient_id", "recipient_deleted", "created_at"])
    op.create_index("ix_messages_outbox", "messages",
                    ["sender_id", "sender_deleted", "created_at"])
    op.create_index("ix_messages_unread", "messages", ["recipient_id", "read_at"])


def downgrade() -> None:
    op.drop_index("ix_messages_unread", table_name="messages")
    op.drop_index("ix_messages_outbox", table_name="messages")
    op.drop_index("ix_messages_inbox", table_name="messages")
    op.drop_table("messages")
    op.drop_index("ix_comments_diary_id_created_at", table_name="comments")
    op.drop_table("comments")
    op.drop_index("ix_diaries_author_timeline", table_name="diaries")
    op.drop_table("diaries")
