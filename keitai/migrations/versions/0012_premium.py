"""Premium membership (プレミアム) runs from a date to a date: two columns of the member
in place of the yes/no flag that nothing set.

Revision ID: 0012
Revises: 0011
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keitai.models.base import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("members", sa.Column("premium_since", UTCDateTime(), nullable=True))
    op.add_column("members", sa.Column("premium_until", UTCDateTime(), nullable=True))
    op.drop_column("members", "is_premium")


def downgrade() -> None:
    op.add_column("members", sa.Column("is_premium", sa.Boolean(), server_default=sa.false(),
                                       nullable=False))
    op.drop_column("members", "premium_until")
    op.drop_column("members", "premium_since")
