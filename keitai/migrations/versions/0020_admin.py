"""The operators' second factor and the audit log.

operator_factors holds each operator's TOTP secret, sealed with a pad derived from the site's
secret key, and the one-time code last mailed to them. audit_log is append-only: triggers make
the database refuse UPDATE and DELETE on it (and TRUNCATE on PostgreSQL).

Revision ID: 0020
Revises: 0019
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keitai.models.admin import APPEND_ONLY, NOT_APPEND_ONLY
from keitai.models.base import UTCDateTime

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "operator_factors",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("totp_sealed", sa.String(80), nullable=True),
        sa.Column("totp_nonce", sa.String(32), nullable=True),
        sa.Column("totp_last_step", sa.BigInteger(), nullable=True),
        sa.Column("code_hash", sa.String(64), nullable=True),
        sa.Column("code_expires_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], ondelete="CASCADE",
                                name=op.f("fk_operator_factors_member_id_members")),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_operator_factors")),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("operator_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("target_kind", sa.String(20), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    op.create_index("ix_audit_log_created_at", "audit_log", ["created_at"])
    op.create_index("ix_audit_log_operator_id", "audit_log", ["operator_id"])
    op.create_index("ix_audit_log_target_kind_target_id", "audit_log",
                    ["target_kind", "target_id"])
    for statement in APPEND_ONLY.get(op.get_bind().dialect.name, ()):
        op.execute(statement)


def downgrade() -> None:
    for statement in NOT_APPEND_ONLY.get(op.get_bind().dialect.name, ()):
        op.execute(statement)
    op.drop_index("ix_audit_log_target_kind_target_id", table_name="audit_log")
    op.drop_index("ix_audit_log_operator_id", table_name="audit_log")
    op.drop_index("ix_audit_log_created_at", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_table("operator_factors")
