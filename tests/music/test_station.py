"""keitai-station end to end: the command a player's hook runs, against the app served by a
real HTTP server, answered by the real API."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from keitai import station
from keitai.db import db
from keitai.models import Artist, Play, Track
from keitai.models.base import utcnow
from tests.music.conftest import iso, issue_token

#: the installed console script, beside the interpreter running the tests
SCRIPT = Path(sys.executable).with_name("keitai-station")


@pytest.fixture()
def site(app) -> Iterator[str]:
    """Serve the app over HTTP on a free local port; give its address."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def run(*args: str, token: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed keitai-station; the token in its environment."""
    env = {key: value for key, value in os.environ.items()
           if key != station.TOKEN_ENV and "proxy" not in key.lower()}
    if token is not None:
        env[station.TOKEN_ENV] = token
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=env,
                          timeout=60, check=False)


def stored(app, member_id: int) -> list[tuple[str, str, str | None]]:
    with app.app_context():
        return [tuple(row) for row in db.session.execute(
            select(Artist.name, Track.title, Play.album).join(Track, Track.id == Play.track_id)
            .join(Artist, Artist.id == Track.artist_id).where(Play.member_id == member_id)
            .order_by(Play.played_at)).all()]


def test_the_command_submits_a_play_and_a_resend_is_already_recorded(app, member,
                                                                     site) -> None:
    me = member("わたし")
    token = issue_token(app, me)
    at = iso(utcnow() - timedelta(minutes=3))
    first = run("--site", site, "ほしのうみ", "夜の電車", "--album", "青い駅",
                "--played-at", at, token=token)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("201 recorded: ほしのうみ - 夜の電車")
    again = run("--site", site, "--token", token, "ほしのうみ", "夜の電車", "--played-at", at)
    assert again.returncode == 0 and again.stdout.startswith("200 already recorded")
    assert stored(app, me) == [("ほしのうみ", "夜の電車", "青い駅")]


def test_a_refused_play_exits_non_zero_saying_why(app, member, site) -> None:
    me = member("わたし")
    token = issue_token(app, me)
    wrong = run("--site", site, "ほしのうみ", "夜の電車", token="not-my-token")
    assert wrong.returncode == 1 and wrong.stdout.startswith("401 refused")
    future = run("--site", site, "ほしのうみ", "夜の電車",
                 "--played-at", iso(utcnow() + timedelta(hours=1)), token=token)
    assert future.returncode == 1
    assert "400 refused" in future.stdout and "[played_at]" in future.stdout
    assert stored(app, me) == []


def test_usage_errors_exit_2_without_sending(app, member, site) -> None:
    assert run("--site", site, "ほしのうみ", "夜の電車").returncode == 2  # no token
    assert run("--site", site, "ほしのうみ", token="t").returncode == 2  # no title


def test_stdin_lines_are_plays_played_as_they_are_read(app, member, site) -> None:
    me = member("わたし")
    token = issue_token(app, me)
    lines = io.StringIO("ほしのうみ\t夜の電車\t青い駅\nゆきんこ\t冬のうた\nこわれた行\n\n"
                        "ゆきんこ\t春のうた\n")
    out = io.StringIO()
    status = station.main(["--site", site, "--token", token, "--stdin"], stdin=lines, out=out)
    assert status == 0, out.getvalue()
    assert out.getvalue().count("201 recorded") == 3
    # three lines read within a second or two are three plays all the same
    assert stored(app, me) == [("ほしのうみ", "夜の電車", "青い駅"), ("ゆきんこ", "冬のうた", None),
                               ("ゆきんこ", "春のうた", None)]


def test_the_hourly_limit_is_reported_with_when_to_retry(app, member, site) -> None:
    app.config["PLAYS_PER_HOUR"] = 1
    token = issue_token(app, member("わたし"))
    out = io.StringIO()
    status = station.main(["--site", site, "--token", token, "--stdin"],
                          stdin=io.StringIO("A\tone\nB\ttwo\n"), out=out)
    assert status == 1
    assert "201 recorded: A - one" in out.getvalue()
    assert "429 refused: B - two" in out.getvalue() and "retry after" in out.getvalue()


def test_an_unreachable_site_exits_non_zero(app) -> None:
    out = io.StringIO()
    assert station.main(["--site", "http://127.0.0.1:9", "--token", "t", "A", "B"],
                        out=out) == 1
    assert "cannot reach" in out.getvalue()
