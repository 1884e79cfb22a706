"""Premium membership (プレミアム) runs from a time to a time: two columns of the member in
place of the yes/no flag, which only an operator's SQL could set.

A member flagged premium is premium from the upgrade on, with no end an operator chose:
until OPEN_END. Going down, a member premium at that moment is flagged.

Revision ID: 0012
Revises: 0011
"""
from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from keitai.models.base import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

#: the tables whose rows this migration rewrites (tests/test_migration_downgrades.py leaves
#: them to tests/test_migration_premium.py)
rewrites = ("members",)
#: the end of a period nobody chose
OPEN_END = datetime(2100, 1, 1, tzinfo=UTC)

_MEMBERS = sa.table("members", sa.column("is_premium", sa.Boolean()),
                    sa.column("premium_since", UTCDateTime()),
                    sa.column("premium_until", UTCDateTime()))


def upgrade() -> None:
    op.add_column("members", sa.Column("premium_since", UTCDateTime(), nullable=True))
    op.add_column("members", sa.Column("premium_until", UTCDateTime(), nullable=True))
    op.execute(_MEMBERS.update().where(_MEMBERS.c.is_premium.is_(True))
               .values(premium_since=datetime.now(UTC), premium_until=OPEN_END))
    op.drop_column("members", "is_premium")


def downgrade() -> None:
    op.add_column("members", sa.Column("is_premium", sa.Boolean(), server_default=sa.false(),
                                       nullable=False))
    now = datetime.now(UTC)
    op.execute(_MEMBERS.update().where(_MEMBERS.c.premium_since <= now,
                                       _MEMBERS.c.premium_until > now)
               .values(is_premium=True))
    op.drop_column("members", "premium_until")
    op.drop_column("members", "premium_since")
