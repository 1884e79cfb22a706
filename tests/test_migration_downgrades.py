"""Every migration goes down and up again: the schema comes back the same, and rows of tables
that outlive a step come back as they were.

Written over whatever revisions exist, so a new migration is covered the day it is added.
"""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, inspect, select, text
from sqlalchemy.orm import Session

from keitai import migrations
from keitai.db import make_engine
from keitai.models import Block, Bookmark, Member, WebSession
from keitai.search.engines import KINDS, owns_table, table_name
from keitai.seed import NetworkSeeder

#: a schema as the inspector reads it: table -> what the table is made of
Schema = dict[str, dict[str, Any]]
#: the rows of a database: table -> rows in primary-key order, as {column: value}
Rows = dict[str, list[dict[str, Any]]]


def revisions(url: str) -> list[str]:
    """Return the revision ids from the first to the head."""
    script = ScriptDirectory.from_config(migrations.alembic_config(url))
    found = [rev.revision for rev in script.walk_revisions()]
    found.reverse()
    return found


def rewritten_by(url: str, revision: str) -> tuple[str, ...]:
    """Return the tables whose rows a data migration rewrites both ways (its `rewrites`):
    their rows change going down and up, and the migration's own test checks them."""
    script = ScriptDirectory.from_config(migrations.alembic_config(url))
    return tuple(getattr(script.get_revision(revision).module, "rewrites", ()))


def kept(schema: Schema, rewritten: tuple[str, ...]) -> Schema:
    """Return the tables a migration does not rewrite (a rewritten table may lose columns
    too, so its rows are not even read)."""
    return {name: table for name, table in schema.items() if name not in rewritten}


def schema_of(engine: Engine) -> Schema:
    """Read tables, columns, keys, indexes, unique constraints and foreign keys.

    Columns are compared by name, not place: a downgrade that puts back a dropped column can
    only add it at the end on PostgreSQL."""
    inspector = inspect(engine)
    found: Schema = {}
    for table in sorted(inspector.get_table_names()):
        if table == "alembic_version":
            continue
        found[table] = {
            "columns": sorted((c["name"], str(c["type"]), c["nullable"], str(c.get("default")))
                              for c in inspector.get_columns(table)),
            "primary key": inspector.get_pk_constraint(table)["constrained_columns"],
            "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                              for i in inspector.get_indexes(table)),
            "unique": sorted((str(u["name"]), tuple(u["column_names"]))
                             for u in inspector.get_unique_constraints(table)),
            "foreign keys": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"],
                 tuple(f["referred_columns"]), str(sorted(f.get("options", {}).items())))
                for f in inspector.get_foreign_keys(table)),
            "checks": sorted(str(c.get("sqltext")) for c in inspector.get_check_constraints(table)),
        }
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            found["(sequences)"] = {"names": sorted(conn.scalars(text(
                "SELECT sequence_name FROM information_schema.sequences"
                " WHERE sequence_schema = current_schema()")))}
            found["(types)"] = {"names": sorted(conn.scalars(text(
                "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                " WHERE n.nspname = current_schema() AND t.typtype IN ('e', 'd')")))}
    return found


def without_empty(schema: Schema) -> Schema:
    """Drop the empty lists of sequences and types (a schema at base has nothing else)."""
    return {name: table for name, table in schema.items() if table != {"names": []}}


def rows_of(engine: Engine, schema: Schema) -> Rows:
    """Read every row of the tables of a schema, with the columns that schema has."""
    metadata = MetaData()
    metadata.reflect(engine)
    found: Rows = {}
    with engine.connect() as conn:
        for name, table in schema.items():
            if name.startswith("("):
                continue
            columns = [metadata.tables[name].c[column[0]] for column in table["columns"]]
            keys = [metadata.tables[name].c[key] for key in table["primary key"]] or columns
            found[name] = [dict(row._mapping)
                           for row in conn.execute(select(*columns).order_by(*keys))]
    return found


def version_of(engine: Engine) -> str | None:
    """Return the revision the database is at (None at base)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        version = conn.scalar(text("SELECT version_num FROM alembic_version"))
    return None if version is None else str(version)


def seed_network(engine: Engine) -> None:
    """Fill the tables a network has: members, friends, footprints, diaries, comments, mail,
    and a session, a block and a bookmark."""
    NetworkSeeder(engine, 24, seed=3, password_hash="x",
                  anchor=datetime(2026, 4, 1, tzinfo=UTC)).run_all()
    with Session(engine) as session:
        first, second, third = session.scalars(select(Member.id).order_by(Member.id).limit(3))
        session.add_all([
            WebSession(token_hash="a" * 64, member_id=first, binding="docomo|P903i",
                       csrf_token="c" * 32, data={"visits": 3}),
            Block(blocker_id=second, blocked_id=third),
            Bookmark(member_id=first, target_id=third)])
        session.commit()


def empty_every_table(engine: Engine) -> None:
    """Delete every row, leaving the schema at head as the rest of the suite expects it."""
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            # the search engine's tables are emptied through it (FTS5 keeps its index in
            # tables of its own that must not be emptied behind its back)
            if table.name != "alembic_version" and not owns_table(table.name):
                conn.execute(table.delete())
        for kind in KINDS:
            conn.execute(text(f"DELETE FROM {table_name(kind)}"))


def test_the_whole_chain_goes_down_to_nothing_and_up_to_the_same_schema(
        database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        at_head = schema_of(engine)
        migrations.downgrade(database_url, "base")
        at_base = schema_of(engine)
        version_at_base = version_of(engine)
        migrations.upgrade(database_url)
        again = schema_of(engine)
        version_again = version_of(engine)
    finally:
        migrations.upgrade(database_url)
        engine.dispose()
    assert without_empty(at_base) == {}
    assert version_at_base is None
    assert again == at_head
    assert version_again == revisions(database_url)[-1]


def test_each_migration_goes_down_one_and_up_one_keeping_schema_and_rows(
        database_url: str) -> None:
    chain = revisions(database_url)
    engine = make_engine(database_url)
    first_upgrade: dict[str, Schema] = {}
    try:
        migrations.downgrade(database_url, "base")
        for revision in chain:
            migrations.upgrade(database_url, revision)
            first_upgrade[revision] = schema_of(engine)
        seed_network(engine)
        seeded = rows_of(engine, first_upgrade[chain[-1]])
        assert sum(len(rows) for rows in seeded.values()) > 100, "the seed wrote nothing"
        assert all(seeded[table] for table in ("web_sessions", "members", "friendships",
                                               "blocks", "bookmarks", "diaries", "messages"))
        for index in range(len(chain) - 1, -1, -1):
            revision, below = chain[index], (chain[index - 1] if index else "base")
            lower = first_upgrade.get(below, {})
            rewritten = rewritten_by(database_url, revision)
            before = rows_of(engine, kept(lower, rewritten))
            migrations.downgrade(database_url, below)
            assert without_empty(schema_of(engine)) == without_empty(lower), f"down from {revision}"
            assert version_of(engine) == (None if below == "base" else below)
            assert rows_of(engine, kept(lower, rewritten)) == before, \
                f"rows lost going down from {revision}"
            migrations.upgrade(database_url, revision)
            assert schema_of(engine) == first_upgrade[revision], f"up again to {revision}"
            assert rows_of(engine, kept(lower, rewritten)) == before, \
                f"rows lost going up again to {revision}"
            migrations.downgrade(database_url, below)
        migrations.upgrade(database_url)
        assert schema_of(engine) == first_upgrade[chain[-1]]
    finally:
        migrations.upgrade(database_url)
        empty_every_table(engine)
        engine.dispose()
