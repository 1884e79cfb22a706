"""Members' external blogs, resyndicated into their diaries.

member_blogs holds one external blog per member and how its fetches go; diaries.blog_link
marks a diary imported from such a blog (the entry's address, once per author).

Revision ID: 0023
Revises: 0022
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keitai.models.base import UTCDateTime

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "member_blogs",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("feed_url", sa.String(1000), nullable=False),
        sa.Column("site_title", sa.String(200), nullable=True),
        sa.Column("visibility", sa.String(20), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(300), nullable=True),
        sa.Column("last_error_at", UTCDateTime(), nullable=True),
        sa.Column("last_problem", sa.String(300), nullable=True),
        sa.Column("last_fetched_at", UTCDateTime(), nullable=True),
        sa.Column("last_success_at", UTCDateTime(), nullable=True),
        sa.Column("next_fetch_at", UTCDateTime(), nullable=False),
        sa.Column("etag", sa.String(300), nullable=True),
        sa.Column("last_modified", sa.String(100), nullable=True),
        sa.Column("seen_links", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["member_id"], ["members.id"], ondelete="CASCADE",
                                name=op.f("fk_member_blogs_member_id_members")),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_member_blogs")),
    )
    op.create_index("ix_member_blogs_due", "member_blogs", ["state", "next_fetch_at"])
    op.add_column("diaries", sa.Column("blog_link", sa.String(1000), nullable=True))
    op.create_index("ux_diaries_author_blog_link", "diaries", ["author_id", "blog_link"],
                    unique=True)


def downgrade() -> None:
    op.drop_index("ux_diaries_author_blog_link", table_name="diaries")
    op.drop_column("diaries", "blog_link")
    op.drop_index("ix_member_blogs_due", table_name="member_blogs")
    op.drop_table("member_blogs")
