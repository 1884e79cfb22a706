"""Invitations that can be resent and cancelled: how often and when the mail last went, and
when the inviter cancelled one (the row stays for the operators' console).

Revision ID: 0021
Revises: 0020
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keitai.models.base import UTCDateTime

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("invitations", sa.Column("sent_count", sa.Integer(), server_default="1",
                                           nullable=False))
    op.add_column("invitations", sa.Column("last_sent_at", UTCDateTime(), nullable=True))
    op.add_column("invitations", sa.Column("cancelled_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column("invitations", "cancelled_at")
    op.drop_column("invitations", "last_sent_at")
    op.drop_column("invitations", "sent_count")
