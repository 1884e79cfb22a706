"""Suspensions, and bans of handsets and mobile addresses: the members' suspension columns,
the terminal ids each member's handsets sent through their gateway, and the bans.

Revision ID: 0019
Revises: 0018
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keitai.models.base import UTCDateTime

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["members.id"], ondelete=ondelete,
                                   name=op.f(f"fk_{table}_{column}_members"))


def upgrade() -> None:
    # nullable columns: added in place, no rewrite of the members table
    op.add_column("members", sa.Column("suspended_until", UTCDateTime(), nullable=True))
    op.add_column("members", sa.Column("suspension_reason", sa.Text(), nullable=True))
    op.create_table(
        "member_terminals",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("id_hash", sa.String(64), nullable=False),
        sa.Column("carrier", sa.String(16), nullable=False),
        sa.Column("id_kind", sa.String(16), nullable=False),
        sa.Column("first_seen_at", UTCDateTime(), nullable=False),
        sa.Column("last_seen_at", UTCDateTime(), nullable=False),
        _fk("member_terminals", "member_id", "CASCADE"),
        sa.PrimaryKeyConstraint("member_id", "id_hash", name=op.f("pk_member_terminals")),
    )
    op.create_table(
        "bans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("id_hash", sa.String(64), nullable=False),
        sa.Column("carrier", sa.String(16), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=True),
        sa.Column("lifted_at", UTCDateTime(), nullable=True),
        sa.Column("lifted_by", sa.Integer(), nullable=True),
        _fk("bans", "member_id", "SET NULL"),
        _fk("bans", "created_by", "SET NULL"),
        _fk("bans", "lifted_by", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bans")),
    )
    op.create_index("ix_bans_id_hash", "bans", ["id_hash"])
    op.create_index("ix_bans_member_id", "bans", ["member_id"])


def downgrade() -> None:
    op.drop_index("ix_bans_member_id", table_name="bans")
    op.drop_index("ix_bans_id_hash", table_name="bans")
    op.drop_table("bans")
    op.drop_table("member_terminals")
    op.drop_column("members", "suspension_reason")
    op.drop_column("members", "suspended_until")
