"""Who sees a member's friend list (マイミク一覧): a column of the profile, 'everyone' for
the rows there are (as mixi did), and for members without a row as they are read.

Revision ID: 0010
Revises: 0009
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("profiles", sa.Column("friends_visibility", sa.String(20),
                                        server_default="everyone", nullable=False))


def downgrade() -> None:
    op.drop_column("profiles", "friends_visibility")
