"""Search: an index per kind of document (members, communities, diaries, topics).

SQLite keeps them as FTS5 tables, `search_<kind>(uni, bi)` keyed by rowid; PostgreSQL as
tables `search_<kind>(id, terms tsvector)` under a GIN index (keitai.search.engines). They
are not models: the engine owns them. Existing rows are indexed by `keitai search reindex`
(README: after upgrading), new ones by the worker as they are written.

Revision ID: 0011
Revises: 0010
"""
from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

KINDS = ("members", "communities", "diaries", "topics")


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for kind in KINDS:
        if postgresql:
            op.execute(f"CREATE TABLE search_{kind} (id bigint PRIMARY KEY, "
                       "terms tsvector NOT NULL)")
            op.execute(f"CREATE INDEX ix_search_{kind}_terms ON search_{kind} USING gin (terms)")
            # newest first: the planner reads the newest documents first for a common term
            # and asks the index for a rare one, if it knows which terms are common (the
            # default keeps 100 of them, and a phrase of two common bigrams looks rare)
            op.execute(f"ALTER TABLE search_{kind} ALTER COLUMN terms SET STATISTICS 10000")
        else:
            op.execute(f"CREATE VIRTUAL TABLE search_{kind} USING fts5(uni, bi)")


def downgrade() -> None:
    for kind in KINDS:
        op.execute(f"DROP TABLE search_{kind}")
