"""Communities: memberships and join requests, topics with numbered comments, events, polls.

The indexes serve the pages at any size: a category's communities by member count, a
community's members by join order and its topics by latest comment (keyset pagination), a
topic's comments by number (a page is a range of numbers), a member's communities by member,
a community's managers by role (never a scan of its 100,000 members).

Revision ID: 0008
Revises: 0007
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from keitai.models.base import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str, ondelete: str = "CASCADE",
        key: str = "id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.{key}"], ondelete=ondelete,
                                   name=op.f(f"fk_{table}_{column}_{target}"))


def _pk(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*columns, name=op.f(f"pk_{table}"))


def _key(table: str, column: str) -> sa.UniqueConstraint:
    """The (owner, submit_key) constraint that makes a double submit one row."""
    return sa.UniqueConstraint(column, "submit_key", name=op.f(f"uq_{table}_{column}"))


def upgrade() -> None:
    op.create_table(
        "communities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("join_policy", sa.String(10), nullable=False),
        sa.Column("topic_visibility", sa.String(10), nullable=False),
        sa.Column("post_policy", sa.String(10), nullable=False),
        sa.Column("member_count", sa.Integer(), nullable=False),
        sa.Column("posted_at", UTCDateTime(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("creator_id", sa.Integer(), nullable=True),
        sa.Column("submit_key", sa.String(24), nullable=True),
        _fk("communities", "creator_id", "members", "SET NULL"),
        _pk("communities", "id"), _key("communities", "creator_id"),
    )
    op.create_index("ix_communities_category", "communities",
                    ["category", "member_count", "id"])
    op.create_index("ix_communities_created_at", "communities", ["created_at"])
    op.create_table(
        "community_members",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("joined_at", UTCDateTime(), nullable=False),
        _fk("community_members", "community_id", "communities"),
        _fk("community_members", "member_id", "members"),
        _pk("community_members", "seq"),
        sa.UniqueConstraint("community_id", "member_id",
                            name=op.f("uq_community_members_community_id")),
    )
    op.create_index("ix_community_members_member", "community_members", ["member_id", "role"])
    op.create_index("ix_community_members_list", "community_members", ["community_id", "seq"])
    op.create_index("ix_community_members_roles", "community_members",
                    ["community_id", "role", "seq"])
    op.create_index("ix_community_members_admin", "community_members", ["community_id"],
                    unique=True, sqlite_where=sa.text("role = 'admin'"),
                    postgresql_where=sa.text("role = 'admin'"))
    op.create_table(
        "community_join_requests",
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("message", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        _fk("community_join_requests", "community_id", "communities"),
        _fk("community_join_requests", "member_id", "members"),
        _pk("community_join_requests", "community_id", "member_id"),
    )
    op.create_index(op.f("ix_community_join_requests_member_id"), "community_join_requests",
                    ["member_id"])
    op.create_table(
        "topics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("title", sa.String(50), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("comment_count", sa.Integer(), nullable=False),
        sa.Column("bumped_at", UTCDateTime(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("submit_key", sa.String(24), nullable=True),
        _fk("topics", "community_id", "communities"),
        _fk("topics", "author_id", "members", "SET NULL"),
        _pk("topics", "id"), _key("topics", "author_id"),
    )
    op.create_index("ix_topics_community_bumped", "topics", ["community_id", "bumped_at", "id"])
    op.create_table(
        "topic_photos",
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("content_type", sa.String(20), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        _fk("topic_photos", "topic_id", "topics"),
        _pk("topic_photos", "topic_id"),
        sa.UniqueConstraint("key", name=op.f("uq_topic_photos_key")),
    )
    op.create_table(
        "topic_photo_variants",
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("variant", sa.String(24), nullable=False),
        sa.Column("content_type", sa.String(20), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        _fk("topic_photo_variants", "topic_id", "topic_photos", key="topic_id"),
        _pk("topic_photo_variants", "topic_id", "variant"),
    )
    op.create_table(
        "topic_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("submit_key", sa.String(24), nullable=True),
        _fk("topic_comments", "topic_id", "topics"),
        _fk("topic_comments", "author_id", "members", "SET NULL"),
        _pk("topic_comments", "id"), _key("topic_comments", "author_id"),
        sa.UniqueConstraint("topic_id", "number", name=op.f("uq_topic_comments_topic_id")),
    )
    op.create_table(
        "events",
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=False),
        sa.Column("place", sa.String(100), nullable=False),
        sa.Column("deadline", UTCDateTime(), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("participant_count", sa.Integer(), nullable=False),
        _fk("events", "topic_id", "topics"),
        _fk("events", "community_id", "communities"),
        _pk("events", "topic_id"),
    )
    op.create_index("ix_events_community_starts", "events", ["community_id", "starts_at"])
    op.create_table(
        "event_participants",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("joined_at", UTCDateTime(), nullable=False),
        _fk("event_participants", "event_id", "events", key="topic_id"),
        _fk("event_participants", "member_id", "members"),
        _pk("event_participants", "event_id", "member_id"),
    )
    op.create_index("ix_event_participants_list", "event_participants",
                    ["event_id", "joined_at"])
    op.create_index(op.f("ix_event_participants_member_id"), "event_participants",
                    ["member_id"])
    op.create_table(
        "polls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("community_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("question", sa.String(100), nullable=False),
        sa.Column("closes_at", UTCDateTime(), nullable=False),
        sa.Column("results_open", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("submit_key", sa.String(24), nullable=True),
        _fk("polls", "community_id", "communities"),
        _fk("polls", "author_id", "members", "SET NULL"),
        _pk("polls", "id"), _key("polls", "author_id"),
    )
    op.create_index("ix_polls_community_closes", "polls", ["community_id", "closes_at"])
    op.create_table(
        "poll_choices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("poll_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(50), nullable=False),
        _fk("poll_choices", "poll_id", "polls"),
        _pk("poll_choices", "id"),
        sa.UniqueConstraint("poll_id", "position", name=op.f("uq_poll_choices_poll_id")),
    )
    op.create_table(
        "poll_votes",
        sa.Column("poll_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("choice_id", sa.Integer(), nullable=False),
        sa.Column("voted_at", UTCDateTime(), nullable=False),
        _fk("poll_votes", "poll_id", "polls"),
        _fk("poll_votes", "member_id", "members"),
        _fk("poll_votes", "choice_id", "poll_choices"),
        _pk("poll_votes", "poll_id", "member_id"),
    )
    op.create_index("ix_poll_votes_choice", "poll_votes", ["poll_id", "choice_id"])
    op.create_index(op.f("ix_poll_votes_member_id"), "poll_votes", ["member_id"])


def downgrade() -> None:
    for table in ("poll_votes", "poll_choices", "polls", "event_participants", "events",
                  "topic_comments", "topic_photo_variants", "topic_photos", "topics",
                  "community_join_requests", "community_members", "communities"):
        op.drop_table(table)
