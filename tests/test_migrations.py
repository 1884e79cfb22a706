"""The migrations build exactly the schema the models describe, on every backend."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from keitai.db import make_engine
from keitai.models import Base
from keitai.search.engines import owns_table
from tests.migrating import back_at_head


def _not_search_table(name, kind, _parents) -> bool:
    return kind != "table" or not owns_table(name)


def test_migrated_schema_matches_the_models(database_url: str) -> None:
    engine = make_engine(database_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": _not_search_table})
        diff = compare_metadata(context, Base.metadata)
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


def test_text_stored_before_input_was_cleaned_loses_its_control_characters(
        database_url: str) -> None:
    from sqlalchemy import text

    from keitai import migrations

    migrations.downgrade(database_url, "0004")
    engine = make_engine(database_url)
    try:
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO members (id, nickname, real_name, email, password_hash, created_at)"
                " VALUES (1, :nick, 'x', 'a@example.com', 'h', '2026-01-01 00:00:00')"),
                {"nick": "たろ\x01う\x1b"})
            conn.execute(text(
                "INSERT INTO diaries (id, author_id, title, body, visibility, created_at, "
                "owner_read_at) VALUES (7, 1, :title, :body, 'everyone', "
                "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"),
                {"title": "晴れ\x85\ufffe", "body": "一行目\r\n二行目\t\x08\U0010ffff終わり"})
        migrations.upgrade(database_url)
        with engine.connect() as conn:
            nickname = conn.execute(text("SELECT nickname FROM members")).scalar_one()
            title, body = conn.execute(text("SELECT title, body FROM diaries")).one()
    finally:
        back_at_head(database_url, engine, "diaries", "members")
    assert (nickname, title) == ("たろう", "晴れ")
    assert body == "一行目\r\n二行目\t終わり"
