"""Migration 0012: the premium flag becomes a period, and a period at its end a flag again."""
from __future__ import annotations

from sqlalchemy import text

from keitai import migrations
from keitai.db import make_engine
from tests.migrating import back_at_head

INSERT_0011 = ("INSERT INTO members (id, nickname, real_name, email, password_hash,"
               " is_premium, is_admin, is_celebrity, created_at) VALUES (:id, 'm', '', :email,"
               " 'h', :premium, false, false, '2026-01-01 00:00:00')")


def premium_columns(engine) -> dict[int, tuple[bool, bool]]:
    """Return member -> (has a start, has an end) at 0012."""
    with engine.connect() as conn:
        return {row[0]: (row[1] is not None, row[2] is not None) for row in conn.execute(
            text("SELECT id, premium_since, premium_until FROM members ORDER BY id"))}


def flags(engine) -> dict[int, bool]:
    with engine.connect() as conn:
        return {row[0]: bool(row[1]) for row in conn.execute(
            text("SELECT id, is_premium FROM members ORDER BY id"))}


def test_a_flagged_member_stays_premium_both_ways_and_others_stay_free(database_url) -> None:
    migrations.downgrade(database_url, "0011")
    engine = make_engine(database_url)
    try:
        with engine.begin() as conn:
            for member, premium in ((1, True), (2, False)):
                conn.execute(text(INSERT_0011), {"id": member, "premium": premium,
                                                 "email": f"m{member}@example.com"})
        migrations.upgrade(database_url, "0012")
        upgraded = premium_columns(engine)
        with engine.begin() as conn:  # a period that has ended by the time of the downgrade
            conn.execute(text(
                "INSERT INTO members (id, nickname, real_name, email, password_hash, is_admin,"
                " is_celebrity, created_at, premium_since, premium_until) VALUES (3, 'm', '',"
                " 'm3@example.com', 'h', false, false, '2026-01-01 00:00:00',"
                " '2026-01-01 00:00:00', '2026-02-01 00:00:00')"))
        migrations.downgrade(database_url, "0011")
        downgraded = flags(engine)
    finally:
        back_at_head(database_url, engine, "members")
    assert upgraded == {1: (True, True), 2: (False, False)}
    assert downgraded == {1: True, 2: False, 3: False}
