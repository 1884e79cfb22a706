"""The friends' diaries feed ranks friends by their latest diary, kept on the friendship row.

Revision ID: 0007
Revises: 0006
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keitai.models.base import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("friendships", sa.Column("friend_diary_at", UTCDateTime(), nullable=True))
    op.execute(
        "UPDATE friendships SET friend_diary_at = (SELECT max(diaries.created_at) FROM diaries"
        " WHERE diaries.author_id = friendships.friend_id AND diaries.visibility <> 'only_me')")
    op.create_index("ix_friendships_feed", "friendships", ["member_id", "friend_diary_at"])


def downgrade() -> None:
    op.drop_index("ix_friendships_feed", table_name="friendships")
    op.drop_column("friendships", "friend_diary_at")
