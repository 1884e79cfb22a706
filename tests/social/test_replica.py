"""Reads that tolerate lag come from the replica; a member who just wrote reads the primary.

The replica here is a database with the schema and none of the rows: a replica as far behind
as one can be, so every page shows which database it was read from.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from keitai import create_app, migrations
from keitai.db import db
from keitai.features.diary import service as diaries
from keitai.models import WebSession
from keitai.models.diary import Diary
from keitai.replica import PRIMARY_UNTIL
from tests.conftest import empty_database
from tests.social.conftest import Browser, befriend


@pytest.fixture()
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    """Give the application on a clean database, with an empty replica beside it."""
    replica_url = f"sqlite:///{tmp_path / 'replica.sqlite3'}"
    migrations.upgrade(replica_url)
    application = create_app({
        "DATABASE_URL": database_url, "DATABASE_REPLICA_URL": replica_url, "TESTING": True,
        "TRUSTED_PROXIES": ["127.0.0.1/32"], "REDIS_URL": None, "REPLICA_LAG_SECONDS": 30,
    })
    yield application
    empty_database(application)


def _expire_primary_reads(app: Flask) -> None:
    """Move every session's stay on the primary into the past, as time passing would."""
    with app.app_context():
        for row in db.session.scalars(select(WebSession)):
            if PRIMARY_UNTIL in row.data:
                row.data = {**row.data, PRIMARY_UNTIL: int(time.time()) - 1}
        db.session.commit()


@pytest.mark.parametrize("name", ["docomo-P903i", "au-W53CA", "pc-Firefox"])
def test_lists_come_from_the_replica_until_the_member_writes(
        app: Flask, member: Callable[..., int], logged_in: Callable[[str, int], Browser],
        name: str) -> None:
    me, taro = member("わたし"), member("たろう")
    befriend(app, me, taro)
    with app.app_context():
        diaries.create_diary(taro, "たろうの日記", "本文", "friends", "k1")
        db.session.commit()
    browser = logged_in(name, me)
    # the replica has not caught up: the lists and home's feed show nothing yet
    assert "たろうの日記" not in browser.page("/diary/friends")
    assert "たろうの日記" not in browser.page("/")
    assert "たろうの日記" not in browser.page(f"/members/{taro}/diary")
    # a single item is never read from the replica
    assert "たろうの日記" in browser.page(f"/diary/{_first_diary(app)}")

    form = browser.get("/diary/new")
    done = browser.submit(form, {"title": "わたしの日記", "body": "書きました"})
    assert done.status_int == 302
    # having written, the member reads the primary: their own diary and their friend's
    assert "わたしの日記" in browser.page(f"/members/{me}/diary")
    assert "たろうの日記" in browser.page("/diary/friends")

    _expire_primary_reads(app)
    assert "たろうの日記" not in browser.page("/diary/friends")


def test_a_refused_write_does_not_move_the_member_to_the_primary(
        app: Flask, member: Callable[..., int], logged_in: Callable[[str, int], Browser]) -> None:
    me, taro = member("わたし"), member("たろう")
    befriend(app, me, taro)
    with app.app_context():
        diaries.create_diary(taro, "たろうの日記", "本文", "friends", "k1")
        db.session.commit()
    browser = logged_in("docomo-P903i", me)
    form = browser.get("/diary/new")
    refused = browser.submit(form, {"title": "", "body": ""})
    assert "タイトル" in browser.text(refused)
    assert "たろうの日記" not in browser.page("/diary/friends")


def _first_diary(app: Flask) -> int:
    """Return the id of the first diary on the primary."""
    with app.app_context():
        return int(db.session.scalar(select(Diary.id).order_by(Diary.id)) or 0)
