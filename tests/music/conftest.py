"""ミュージック tests: the social tests' members and handsets, players' tokens issued as the
settings page issues them, plays recorded as the API records them, and a client that talks
to the API as a player does (no cookies, no handset)."""
from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from webtest import TestApp, TestResponse

from keitai.db import db
from keitai.features.music import names, rankings, service
from keitai.models.base import utcnow
from keitai.timefmt import JST
from tests.social.conftest import Browser, logged_in, member  # noqa: F401

#: one page per kind of handset: docomo without cookies (the smallest page, and i-mode
#: XHTML), au, SoftBank 3G and J-PHONE, a smartphone and a PC
HANDSETS = ["docomo-D501i", "docomo-N505i", "docomo-P903i", "au-W53CA", "softbank-930SH",
            "softbank-J-SH51", "smartphone-iPhone", "pc-Firefox"]


def issue_token(app: Flask, member_id: int, key: str = "testkey-00000001") -> str:
    """Issue the member's player token as its own committed unit; return it."""
    with app.app_context():
        token = service.issue_token(member_id, key)
        db.session.commit()
    assert token is not None
    return token


def add_plays(app: Flask, member_id: int, plays: Sequence[tuple[str, str, datetime]],
              album: str | None = None) -> None:
    """Record plays (artist, title, when) for the member, as the API would."""
    with app.app_context():
        service.record_plays(member_id, [
            service.PlayIn(artist, names.name_key(artist), title, names.name_key(title), album,
                           at.replace(microsecond=0)) for artist, title, at in plays])
        db.session.commit()


def set_visibility(app: Flask, member_id: int, level: str) -> None:
    """Set who sees the member's plays, as the settings page does."""
    with app.app_context():
        service.set_visibility(member_id, level)
        db.session.commit()


def compute(app: Flask, now: datetime) -> int:
    """Run the worker's ranking step at `now` in its own unit; return what it wrote."""
    with app.app_context():
        written = rankings.compute_due(db.session(), now)
        db.session.commit()
        return written


def iso(moment: datetime) -> str:
    """Return a time as a player writes it: ISO 8601 in Japan time, with its offset."""
    return moment.astimezone(JST).replace(microsecond=0).isoformat()


class Player(TestApp):  # type: ignore[misc]
    """A music player posting to the API: JSON with a Bearer token, no cookies."""

    def plays(self, body: Any, token: str | None, *, content_type: str = "application/json",
              raw: bytes | None = None, headers: dict[str, str] | None = None) -> TestResponse:
        """POST /api/plays; return the response, whatever its status."""
        sent = dict(headers or {})
        if token is not None:
            sent["Authorization"] = f"Bearer {token}"
        data = raw if raw is not None else json.dumps(body, ensure_ascii=False).encode()
        return self.post("/api/plays", data, headers=sent, content_type=content_type,
                         expect_errors=True)


@pytest.fixture()
def player(app: Flask) -> Player:
    """A player on a PC, talking to the API."""
    return Player(app, extra_environ={"HTTP_HOST": "keitai.test",
                                      "HTTP_USER_AGENT": "keitai-station/1.0",
                                      "REMOTE_ADDR": "198.51.100.7"})


def play(artist: str = "ほしのうみ", title: str = "夜の電車", minutes_ago: float = 1,
         **extra: Any) -> dict[str, Any]:
    """Return one play's JSON, played `minutes_ago` minutes before now."""
    return {"artist": artist, "title": title,
            "played_at": iso(utcnow() - timedelta(minutes=minutes_ago)), **extra}
