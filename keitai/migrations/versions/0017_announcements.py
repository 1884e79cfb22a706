"""お知らせ: the operators' announcements, who read them, and notices to one member.

Revision ID: 0017
Revises: 0016
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keitai.models.base import UTCDateTime

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], ondelete=ondelete,
                                   name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade() -> None:
    op.create_table(
        "announcements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(40), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("published_at", UTCDateTime(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("retracted_at", UTCDateTime(), nullable=True),
        _fk("announcements", "author_id", "members", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announcements")),
    )
    op.create_index("ix_announcements_live", "announcements", ["published_at"],
                    sqlite_where=sa.text("retracted_at IS NULL"),
                    postgresql_where=sa.text("retracted_at IS NULL"))
    op.create_table(
        "announcement_reads",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("announcement_id", sa.Integer(), nullable=False),
        sa.Column("read_at", UTCDateTime(), nullable=False),
        _fk("announcement_reads", "member_id", "members", "CASCADE"),
        _fk("announcement_reads", "announcement_id", "announcements", "CASCADE"),
        sa.PrimaryKeyConstraint("member_id", "announcement_id",
                                name=op.f("pk_announcement_reads")),
    )
    op.create_table(
        "member_notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("read_at", UTCDateTime(), nullable=True),
        sa.Column("operator_id", sa.Integer(), nullable=True),
        sa.Column("warning", sa.Boolean(), server_default=sa.false(), nullable=False),
        _fk("member_notices", "member_id", "members", "CASCADE"),
        _fk("member_notices", "operator_id", "members", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_member_notices")),
    )
    op.create_index("ix_member_notices_member_id_id", "member_notices", ["member_id", "id"])
    op.create_index("ix_member_notices_unread", "member_notices", ["member_id", "id"],
                    sqlite_where=sa.text("read_at IS NULL"),
                    postgresql_where=sa.text("read_at IS NULL"))
    op.create_index("ix_member_notices_operator_id", "member_notices", ["operator_id"],
                    sqlite_where=sa.text("operator_id IS NOT NULL"),
                    postgresql_where=sa.text("operator_id IS NOT NULL"))


def downgrade() -> None:
    op.drop_index("ix_member_notices_operator_id", table_name="member_notices")
    op.drop_index("ix_member_notices_unread", table_name="member_notices")
    op.drop_index("ix_member_notices_member_id_id", table_name="member_notices")
    op.drop_table("member_notices")
    op.drop_table("announcement_reads")
    op.drop_index("ix_announcements_live", table_name="announcements")
    op.drop_table("announcements")
