"""Review items and members' reviews of them.

Revision ID: 0024
Revises: 0023
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keitai.models.base import UTCDateTime

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "review_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("title", sa.String(100), nullable=False),
        sa.Column("creator", sa.String(60), nullable=False),
        sa.Column("maker", sa.String(60), nullable=False),
        sa.Column("released_on", sa.Date(), nullable=True),
        sa.Column("released_precision", sa.String(5), nullable=True),
        sa.Column("code", sa.String(13), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("submit_key", sa.String(24), nullable=True),
        sa.Column("review_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("rating_sum", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["members.id"], ondelete="SET NULL",
                                name=op.f("fk_review_items_created_by_members")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_items")),
        sa.UniqueConstraint("code", name=op.f("uq_review_items_code")),
        sa.UniqueConstraint("created_by", "submit_key",
                            name=op.f("uq_review_items_created_by")),
    )
    op.create_index("ix_review_items_most", "review_items", ["review_count", "id"])
    op.create_index("ix_review_items_category_most", "review_items",
                    ["category", "review_count", "id"])
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("stars", sa.SmallInteger(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=True),
        sa.Column("counted", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("submit_key", sa.String(24), nullable=True),
        sa.CheckConstraint("stars BETWEEN 1 AND 5", name=op.f("ck_reviews_stars")),
        sa.ForeignKeyConstraint(["item_id"], ["review_items.id"], ondelete="CASCADE",
                                name=op.f("fk_reviews_item_id_review_items")),
        sa.ForeignKeyConstraint(["author_id"], ["members.id"], ondelete="SET NULL",
                                name=op.f("fk_reviews_author_id_members")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
        sa.UniqueConstraint("item_id", "author_id", name=op.f("uq_reviews_item_id")),
        sa.UniqueConstraint("author_id", "submit_key", name=op.f("uq_reviews_author_id")),
    )
    op.create_index("ix_reviews_item_newest", "reviews", ["item_id", "created_at"])
    op.create_index("ix_reviews_item_best", "reviews", ["item_id", "stars", "created_at"])
    op.create_index("ix_reviews_author_newest", "reviews", ["author_id", "created_at"])
    op.create_index("ix_reviews_newest", "reviews", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_reviews_newest", table_name="reviews")
    op.drop_index("ix_reviews_author_newest", table_name="reviews")
    op.drop_index("ix_reviews_item_best", table_name="reviews")
    op.drop_index("ix_reviews_item_newest", table_name="reviews")
    op.drop_table("reviews")
    op.drop_index("ix_review_items_category_most", table_name="review_items")
    op.drop_index("ix_review_items_most", table_name="review_items")
    op.drop_table("review_items")
