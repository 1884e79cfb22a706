"""Each app keeps its own database: two apps in one process never write to each other's."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from keitai import create_app, migrations
from keitai.db import PrivateDatabase, db
from keitai.members import create_member
from keitai.models.member import Member
from keitai.models.rate_counter import RateCounter
from keitai.uow import unit_of_work


def _app(path: Path) -> Flask:
    url = f"sqlite:///{path}"
    migrations.upgrade(url)
    return create_app({"DATABASE_URL": url, "TESTING": True})


def _nicknames(app: Flask) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(Member.nickname).order_by(Member.id)))


@pytest.mark.parametrize("first", ["a", "b"])
def test_two_apps_each_read_and_write_their_own_database(tmp_path: Path, first: str) -> None:
    order = ["a", "b"] if first == "a" else ["b", "a"]
    apps = {name: _app(tmp_path / f"{name}.sqlite3") for name in order}
    try:
        for name, app in apps.items():
            with app.app_context(), unit_of_work():
                create_member(email=f"{name}@example.com", nickname=f"member-{name}",
                              password_hash="x")
        with apps["a"].app_context():  # a context of one app inside the other's
            with apps["b"].app_context():
                assert db.engine.url.database == str(tmp_path / "b.sqlite3")
                assert db.session.scalar(select(func.count()).select_from(Member)) == 1
            assert db.engine.url.database == str(tmp_path / "a.sqlite3")
        assert _nicknames(apps["a"]) == ["member-a"]
        assert _nicknames(apps["b"]) == ["member-b"]
    finally:
        for app in apps.values():
            with app.app_context():
                db.dispose()


def _counted(app: Flask) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.sum(RateCounter.count))) or 0)


def _login_attempt(app: Flask) -> int:
    """Send the login form with an unknown address; return the answer's status."""
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None, page
    return client.post("/login", data={"csrf_token": token.group(1), "password": "x",
                                       "email": "nobody@example.com"}).status_code


def test_each_request_writes_to_the_database_of_its_own_app(tmp_path: Path) -> None:
    first, second = _app(tmp_path / "one.sqlite3"), _app(tmp_path / "two.sqlite3")
    try:
        # a login attempt is counted (per account and per client) before it is checked
        assert _login_attempt(first) == 200
        assert (_counted(first), _counted(second)) == (2, 0)
        assert _login_attempt(second) == 200
        assert _login_attempt(second) == 200
        assert (_counted(first), _counted(second)) == (2, 4)
    finally:
        for app in (first, second):
            with app.app_context():
                db.dispose()


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:",
                                 "sqlite:///file:x?mode=memory&uri=true"])
def test_an_in_memory_sqlite_database_is_refused_with_a_clear_error(url: str) -> None:
    with pytest.raises(PrivateDatabase, match="in-memory SQLite"):
        create_app({"DATABASE_URL": url, "TESTING": True})
