"""Reports of abuse, and what operators hid.

Revision ID: 0018
Revises: 0017
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keitai.models.base import UTCDateTime

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("handled_at", UTCDateTime(), nullable=True),
        sa.Column("handled_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["reporter_id"], ["members.id"], ondelete="CASCADE",
                                name=op.f("fk_reports_reporter_id_members")),
        sa.ForeignKeyConstraint(["author_id"], ["members.id"], ondelete="SET NULL",
                                name=op.f("fk_reports_author_id_members")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reports")),
        sa.UniqueConstraint("reporter_id", "kind", "item_id",
                            name=op.f("uq_reports_reporter_id")),
    )
    op.create_index("ix_reports_item", "reports", ["kind", "item_id", "handled_at"])
    op.create_index("ix_reports_open", "reports", ["handled_at", "created_at"])
    op.create_index(op.f("ix_reports_author_id"), "reports", ["author_id"])
    op.create_table(
        "hidden_items",
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("original", sa.Text(), nullable=False),
        sa.Column("hidden_by", sa.Integer(), nullable=True),
        sa.Column("hidden_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "item_id", name=op.f("pk_hidden_items")),
    )


def downgrade() -> None:
    op.drop_table("hidden_items")
    op.drop_index(op.f("ix_reports_author_id"), table_name="reports")
    op.drop_index("ix_reports_open", table_name="reports")
    op.drop_index("ix_reports_item", table_name="reports")
    op.drop_table("reports")
