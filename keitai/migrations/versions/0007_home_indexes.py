"""What home reads, served by indexes: each friend's latest diary, kept on the friendship row
(the friends' feed), and each diary's latest comment by others (the new-comments count).

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
    op.add_column("diaries", sa.Column("commented_at", UTCDateTime(), nullable=True))
    op.execute(
        "UPDATE diaries SET commented_at = (SELECT max(comments.created_at) FROM comments"
        " WHERE comments.diary_id = diaries.id AND comments.author_id <> diaries.author_id)")
    op.create_index("ix_diaries_new_comments", "diaries", ["author_id"],
                    sqlite_where=sa.text("commented_at > owner_read_at"),
                    postgresql_where=sa.text("commented_at > owner_read_at"))


def downgrade() -> None:
    op.drop_index("ix_diaries_new_comments", table_name="diaries")
    op.drop_column("diaries", "commented_at")
    op.drop_index("ix_friendships_feed", table_name="friendships")
    op.drop_column("friendships", "friend_diary_at")
