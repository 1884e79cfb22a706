"""The worker's maintenance: expired sessions and rate-limit counters go, batch by batch, from
any number of workers at once; requests never pay for it."""
from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from click.testing import CliRunner
from flask import Flask
from sqlalchemy import func, select

from keitai.cli import main as keitai
from keitai.db import db
from keitai.jobs import worker as worker_module
from keitai.jobs.worker import Worker
from keitai.models import RateCounter, WebSession
from keitai.models.base import utcnow


def add_sessions(app: Flask, idle: int, live: int) -> None:
    """Store sessions: `idle` ones last seen past the idle timeout, `live` ones just now."""
    past = utcnow() - timedelta(seconds=app.config["SESSION_IDLE_SECONDS"] + 1)
    with app.app_context():
        for n in range(idle + live):
            seen = past if n < idle else utcnow()
            db.session.add(WebSession(token_hash=f"{n:064x}", binding="docomo:N505i",
                                      csrf_token="x", data={}, member_id=None,
                                      created_at=seen, last_seen_at=seen))
        db.session.commit()


def add_counters(app: Flask, expired: int, running: int) -> None:
    """Store rate-limit counters whose window is over, and ones still running."""
    with app.app_context():
        for n in range(expired + running):
            ends = utcnow() + timedelta(seconds=-1 if n < expired else 600)
            db.session.add(RateCounter(key=f"login-account:{n}:1", count=3, expires_at=ends))
        db.session.commit()


#: the steps that find nothing to do in these tests: no feeds, no blogs, no plays
IDLE = {"news_fetches": 0, "blog_fetches": 0, "music_rankings": 0}


def rows(app: Flask) -> tuple[int, int, int]:
    """Return how many sessions, live sessions and counters are stored."""
    cutoff = utcnow() - timedelta(seconds=app.config["SESSION_IDLE_SECONDS"])
    with app.app_context():
        sessions = db.session.scalar(select(func.count()).select_from(WebSession))
        live = db.session.scalar(select(func.count()).where(WebSession.last_seen_at >= cutoff))
        counters = db.session.scalar(select(func.count()).select_from(RateCounter))
        db.session.remove()
    return int(sessions or 0), int(live or 0), int(counters or 0)


def test_maintenance_deletes_what_has_expired_and_keeps_the_rest(app: Flask) -> None:
    add_sessions(app, idle=7, live=3)
    add_counters(app, expired=4, running=2)
    assert Worker(app).maintain() == {"sessions": 7, "rate_counters": 4,
                                     "event_reminders": 0, **IDLE}
    assert rows(app) == (3, 3, 2)
    assert Worker(app).maintain() == {"sessions": 0, "rate_counters": 0,
                                     "event_reminders": 0, **IDLE}


def test_maintenance_goes_batch_by_batch_until_nothing_has_expired(
        app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker_module, "MAINTENANCE_BATCH", 4)
    add_sessions(app, idle=10, live=2)
    add_counters(app, expired=9, running=1)
    assert Worker(app).maintain() == {"sessions": 10, "rate_counters": 9,
                                     "event_reminders": 0, **IDLE}
    assert rows(app) == (2, 2, 1)


def test_several_workers_maintain_at_once_and_each_row_goes_once(
        app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker_module, "MAINTENANCE_BATCH", 25)
    add_sessions(app, idle=300, live=5)
    add_counters(app, expired=200, running=5)
    start = threading.Barrier(3)
    gone: list[dict[str, int]] = []
    failed: list[BaseException] = []

    def work() -> None:
        try:
            start.wait(timeout=30)
            gone.append(Worker(app).maintain())
        except BaseException as error:  # noqa: BLE001 - reported below
            failed.append(error)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failed == []
    assert sum(each["sessions"] for each in gone) == 300
    assert sum(each["rate_counters"] for each in gone) == 200
    assert rows(app) == (5, 5, 5)


class Recorder:
    """Count the runs of the loop and of the maintenance; stop the loop after a few runs."""

    def __init__(self, stop: threading.Event, runs: int) -> None:
        self.stop, self.runs, self.loops, self.maintained = stop, runs, 0, 0

    def run_one(self, now: object = None) -> None:
        self.loops += 1
        if self.loops >= self.runs:
            self.stop.set()

    def maintain(self, now: object = None) -> dict[str, int]:
        self.maintained += 1
        return {"sessions": 0, "rate_counters": 0,
                                     "event_reminders": 0, **IDLE}


@pytest.mark.parametrize(("every", "expected"), [(3600, 1), (0, 30)])
def test_the_loop_maintains_at_most_once_per_interval(
        app: Flask, monkeypatch: pytest.MonkeyPatch, every: float, expected: int) -> None:
    app.config.update(MAINTENANCE_SECONDS=every, JOB_POLL_SECONDS=0.001)
    stop = threading.Event()
    recorder = Recorder(stop, runs=30)
    worker = Worker(app)
    monkeypatch.setattr(worker, "run_one", recorder.run_one)
    monkeypatch.setattr(worker, "maintain", recorder.maintain)
    monkeypatch.setattr(worker, "purge", lambda now=None: 0)
    worker.run(stop)
    assert recorder.loops == 30
    assert recorder.maintained == expected


def test_keitai_worker_once_also_maintains(app: Flask) -> None:
    add_sessions(app, idle=2, live=1)
    add_counters(app, expired=1, running=1)
    result = CliRunner().invoke(keitai, ["worker", "--once"], env={
        "KEITAI_DATABASE_URL": app.config["DATABASE_URL"]})
    assert result.exit_code == 0, result.output
    assert "deleted 2 expired sessions and 1 expired rate counters" in result.output
    assert rows(app) == (1, 1, 1)


def test_requests_leave_expired_sessions_to_the_worker(app: Flask, handset) -> None:  # type: ignore[no-untyped-def]
    add_sessions(app, idle=3, live=0)
    for _ in range(20):
        client = handset("pc-Firefox")
        client.post("/login", {"csrf_token": "x"}, expect_errors=True)  # refused: no write
        client.get("/")
    assert rows(app) == (3, 0, 0)
    assert Worker(app).maintain()["sessions"] == 3
