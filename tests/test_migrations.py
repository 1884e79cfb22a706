"""The migrations build exactly the schema the models describe, on every backend."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from keitai.db import make_engine
from keitai.models import Base


def test_migrated_schema_matches_the_models(database_url: str) -> None:
    engine = make_engine(database_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_keitai_db_upgrade_creates_the_schema_on_a_new_sqlite_file(tmp_path) -> None:
    from click.testing import CliRunner

    from keitai.cli import main

    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    result = CliRunner().invoke(main, ["db", "upgrade"], env={"KEITAI_DATABASE_URL": url})
    assert result.exit_code == 0, result.output
    engine = make_engine(url)
    with engine.connect() as conn:
        tables = {row[0] for row in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='table'")}
    engine.dispose()
    assert {"web_sessions", "alembic_version"} <= tables
