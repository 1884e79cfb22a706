"""Notices by mail: each member's choices, and the notices waiting to go as one mail.

Revision ID: 0016
Revises: 0015
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keitai.models.base import UTCDateTime

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def _member(table: str, column: str = "member_id", ondelete: str = "CASCADE"
            ) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["members.id"], ondelete=ondelete,
                                   name=op.f(f"fk_{table}_{column}_members"))


def upgrade() -> None:
    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("endpoint", sa.String(80), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        _member("notices", "recipient_id"),
        _member("notices", "actor_id", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notices")),
    )
    op.create_index("ix_notices_recipient_kind", "notices", ["recipient_id", "kind", "id"])
    op.create_table(
        "notice_offs",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        _member("notice_offs"),
        sa.PrimaryKeyConstraint("member_id", "kind", name=op.f("pk_notice_offs")),
    )
    op.create_table(
        "notice_windows",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("last_sent_at", UTCDateTime(), nullable=True),
        sa.Column("scheduled", sa.Boolean(), server_default=sa.false(), nullable=False),
        _member("notice_windows"),
        sa.PrimaryKeyConstraint("member_id", "kind", name=op.f("pk_notice_windows")),
    )
    op.create_table(
        "notice_days",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("mails", sa.Integer(), nullable=False),
        _member("notice_days"),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_notice_days")),
    )
    op.create_table(
        "event_reminders",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.topic_id"], ondelete="CASCADE",
                                name=op.f("fk_event_reminders_event_id_events")),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_event_reminders")),
    )


def downgrade() -> None:
    op.drop_table("event_reminders")
    op.drop_table("notice_days")
    op.drop_table("notice_windows")
    op.drop_table("notice_offs")
    op.drop_index("ix_notices_recipient_kind", table_name="notices")
    op.drop_table("notices")
