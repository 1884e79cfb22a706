"""News: the operators' feeds and their items.

news_feeds holds each feed an operator added, its category, its validators for a conditional
GET and when it is next fetched; news_items the headlines, unique by link across feeds, with
picked_at for the operators' ピックアップ.

Revision ID: 0022
Revises: 0021
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keitai.models.base import UTCDateTime

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

PICKED = "picked_at IS NOT NULL"


def upgrade() -> None:
    op.create_table(
        "news_feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(600), nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("etag", sa.String(200), nullable=True),
        sa.Column("last_modified", sa.String(100), nullable=True),
        sa.Column("next_fetch_at", UTCDateTime(), nullable=False),
        sa.Column("last_fetched_at", UTCDateTime(), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(200), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_feeds")),
        sa.UniqueConstraint("url", name=op.f("uq_news_feeds_url")),
    )
    op.create_index("ix_news_feeds_next_fetch_at", "news_feeds", ["next_fetch_at"])
    op.create_table(
        "news_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("source", sa.String(100), nullable=False),
        sa.Column("link", sa.String(600), nullable=False),
        sa.Column("published_at", UTCDateTime(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("picked_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["feed_id"], ["news_feeds.id"], ondelete="SET NULL",
                                name=op.f("fk_news_items_feed_id_news_feeds")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_news_items")),
        sa.UniqueConstraint("link", name=op.f("uq_news_items_link")),
    )
    op.create_index("ix_news_items_feed_id", "news_items", ["feed_id"])
    op.create_index("ix_news_items_category_published_at", "news_items",
                    ["category", "published_at"])
    op.create_index("ix_news_items_published_at", "news_items", ["published_at"])
    op.create_index("ix_news_items_picked_at", "news_items", ["picked_at"],
                    sqlite_where=sa.text(PICKED), postgresql_where=sa.text(PICKED))


def downgrade() -> None:
    op.drop_index("ix_news_items_picked_at", table_name="news_items")
    op.drop_index("ix_news_items_published_at", table_name="news_items")
    op.drop_index("ix_news_items_category_published_at", table_name="news_items")
    op.drop_index("ix_news_items_feed_id", table_name="news_items")
    op.drop_table("news_items")
    op.drop_index("ix_news_feeds_next_fetch_at", table_name="news_feeds")
    op.drop_table("news_feeds")
