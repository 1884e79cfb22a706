"""Posting by mail: each member's secret posting addresses (the diary's and one per album),
and the mail delivered to them, kept until the worker has posted or refused it.

Revision ID: 0015
Revises: 0014
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keitai.models.base import UTCDateTime

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], ondelete=ondelete,
                                   name=op.f(f"fk_{table}_{column}_{target}"))


def upgrade() -> None:
    op.create_table(
        "posting_addresses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("album_id", sa.Integer(), nullable=True),
        sa.Column("nonce", sa.String(32), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        _fk("posting_addresses", "member_id", "members", "CASCADE"),
        _fk("posting_addresses", "album_id", "albums", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_posting_addresses")),
        sa.UniqueConstraint("album_id", name=op.f("uq_posting_addresses_album_id")),
        sa.UniqueConstraint("nonce", name=op.f("uq_posting_addresses_nonce")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_posting_addresses_token_hash")),
    )
    op.create_index("ix_posting_addresses_member_id", "posting_addresses", ["member_id"])
    op.create_index("ix_posting_addresses_diary", "posting_addresses", ["member_id"],
                    unique=True, sqlite_where=sa.text("album_id IS NULL"),
                    postgresql_where=sa.text("album_id IS NULL"))
    op.create_table(
        "received_mails",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("recipient", sa.String(254), nullable=False),
        sa.Column("address_id", sa.Integer(), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("raw", sa.LargeBinary(), nullable=True),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("reason", sa.String(20), nullable=False),
        sa.Column("diary_id", sa.Integer(), nullable=True),
        sa.Column("album_id", sa.Integer(), nullable=True),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.Column("done_at", UTCDateTime(), nullable=True),
        _fk("received_mails", "address_id", "posting_addresses", "SET NULL"),
        _fk("received_mails", "member_id", "members", "CASCADE"),
        _fk("received_mails", "diary_id", "diaries", "SET NULL"),
        _fk("received_mails", "album_id", "albums", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_received_mails")),
        sa.UniqueConstraint("digest", name=op.f("uq_received_mails_digest")),
    )
    op.create_index("ix_received_mails_member_id_received_at", "received_mails",
                    ["member_id", "received_at"])


def downgrade() -> None:
    op.drop_index("ix_received_mails_member_id_received_at", table_name="received_mails")
    op.drop_table("received_mails")
    op.drop_index("ix_posting_addresses_diary", table_name="posting_addresses")
    op.drop_index("ix_posting_addresses_member_id", table_name="posting_addresses")
    op.drop_table("posting_addresses")
