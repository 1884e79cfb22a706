"""Migration 0010: the profiles there are show their friend list to everyone, as before."""
from __future__ import annotations

from sqlalchemy import inspect, text

from keitai import migrations
from keitai.db import make_engine
from tests.migrating import back_at_head

MEMBER = ("INSERT INTO members (id, nickname, real_name, email, password_hash, created_at)"
          " VALUES (:id, 'たろう', '', :email, 'h', '2026-01-01 00:00:00')")
PROFILE = ("INSERT INTO profiles (member_id, introduction, introduction_visibility, updated_at)"
           " VALUES (:id, 'よろしく', 'friends', '2026-01-01 00:00:00')")


def test_existing_and_new_profile_rows_default_to_everyone_and_down_drops_it(
        database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrations.downgrade(database_url, "0009")
        with engine.begin() as conn:
            conn.execute(text(MEMBER), [{"id": 1, "email": "a@example.com"},
                                        {"id": 2, "email": "b@example.com"}])
            conn.execute(text(PROFILE), {"id": 1})
        migrations.upgrade(database_url, "0010")
        with engine.begin() as conn:
            conn.execute(text(PROFILE), {"id": 2})  # written as code before 0010 writes it
            after = conn.execute(text("SELECT member_id, friends_visibility, introduction,"
                                      " introduction_visibility FROM profiles"
                                      " ORDER BY member_id")).all()
        migrations.downgrade(database_url, "0009")
        columns = {c["name"] for c in inspect(engine).get_columns("profiles")}
        with engine.connect() as conn:
            kept = conn.execute(text("SELECT member_id, introduction FROM profiles"
                                     " ORDER BY member_id")).all()
    finally:
        back_at_head(database_url, engine, "profiles", "members")
    assert [tuple(row) for row in after] == [(1, "everyone", "よろしく", "friends"),
                                             (2, "everyone", "よろしく", "friends")]
    assert "friends_visibility" not in columns
    assert [tuple(row) for row in kept] == [(1, "よろしく"), (2, "よろしく")]
