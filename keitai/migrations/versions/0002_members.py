"""Members, invitations, mailed tokens, easy-login handsets and rate-limit counters.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keitai.models.base import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nickname", sa.String(40), nullable=False),
        sa.Column("real_name", sa.String(80), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("mobile_email", sa.String(254), nullable=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("is_premium", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("is_admin", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("is_celebrity", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("terms_accepted_at", UTCDateTime(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_login_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members")),
        sa.UniqueConstraint("email", name=op.f("uq_members_email")),
        sa.UniqueConstraint("mobile_email", name=op.f("uq_members_mobile_email")),
    )
    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inviter_id", sa.Integer(), nullable=True),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("knows_invitee", sa.Boolean(), nullable=True),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["inviter_id"], ["members.id"], ondelete="SET NULL",
                                name=op.f("fk_invitations_inviter_id_members")),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], ondelete="SET NULL",
                                name=op.f("fk_invitations_member_id_members")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_invitations_token_hash")),
    )
    op.create_index("ix_invitations_inviter_id", "invitations", ["inviter_id"])
    op.create_index("ix_invitations_member_id", "invitations", ["member_id"])
    op.create_table(
        "mail_tokens",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("purpose", sa.String(20), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("invitation_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], ondelete="CASCADE",
                                name=op.f("fk_mail_tokens_member_id_members")),
        sa.ForeignKeyConstraint(["invitation_id"], ["invitations.id"], ondelete="CASCADE",
                                name=op.f("fk_mail_tokens_invitation_id_invitations")),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_mail_tokens")),
    )
    op.create_index("ix_mail_tokens_member_id", "mail_tokens", ["member_id"])
    op.create_index("ix_mail_tokens_invitation_id", "mail_tokens", ["invitation_id"])
    op.create_table(
        "registered_handsets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("carrier", sa.String(16), nullable=False),
        sa.Column("id_kind", sa.String(16), nullable=False),
        sa.Column("id_hash", sa.String(64), nullable=False),
        sa.Column("model", sa.String(40), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_used_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], ondelete="CASCADE",
                                name=op.f("fk_registered_handsets_member_id_members")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registered_handsets")),
        sa.UniqueConstraint("id_hash", name=op.f("uq_registered_handsets_id_hash")),
    )
    op.create_index("ix_registered_handsets_member_id", "registered_handsets", ["member_id"])
    op.create_table(
        "rate_counters",
        sa.Column("key", sa.String(160), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_counters")),
    )
    op.create_index("ix_rate_counters_expires_at", "rate_counters", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_rate_counters_expires_at", table_name="rate_counters")
    op.drop_table("rate_counters")
    op.drop_index("ix_registered_handsets_member_id", table_name="registered_handsets")
    op.drop_table("registered_handsets")
    op.drop_index("ix_mail_tokens_invitation_id", table_name="mail_tokens")
    op.drop_index("ix_mail_tokens_member_id", table_name="mail_tokens")
    op.drop_table("mail_tokens")
    op.drop_index("ix_invitations_member_id", table_name="invitations")
    op.drop_index("ix_invitations_inviter_id", table_name="invitations")
    op.drop_table("invitations")
    op.drop_table("members")
