"""The worker: each job once across several workers, leases, back-off, dead jobs, the command."""
from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import timedelta

import pytest
from click.testing import CliRunner
from flask import Flask

from keitai import jobs
from keitai.cli import main as keitai
from keitai.db import db
from keitai.jobs import queue
from keitai.jobs.worker import BackgroundWorker, Worker
from keitai.models.base import utcnow
from simulator.mailbox import MailboxServer
from tests.accounts.conftest import free_port
from tests.outbox import jobs_in, run_jobs

ADDRESSES = [f"member{n}@example.com" for n in range(24)]


@jobs.handler("test.boom")
def _boom(payload: dict[str, object]) -> None:
    raise RuntimeError(f"boom {payload['n']}")


def test_two_workers_at_once_take_different_jobs_and_every_mail_arrives_once(
        app: Flask, queue_mail: Callable[..., None], mail_server: MailboxServer) -> None:
    mail_server.mailbox.clear()
    queue_mail(*ADDRESSES)
    start = threading.Barrier(2)
    ran: dict[str, list[int]] = {}

    def work(name: str) -> None:
        worker = Worker(app)  # each thread has its own session and connection
        start.wait(timeout=30)
        ran[name] = worker.drain()

    threads = [threading.Thread(target=work, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert set(ran["a"]).isdisjoint(ran["b"])
    assert sorted(ran["a"] + ran["b"]) == [job.id for job in jobs_in(app)]
    delivered = [m["Delivered-To"] for m in mail_server.mailbox.messages()]
    assert sorted(delivered) == sorted(ADDRESSES)
    assert all(job.state == "done" and job.attempts == 1 for job in jobs_in(app))


def test_a_job_whose_worker_died_is_run_again_once_its_lease_has_run_out(
        app: Flask, queue_mail: Callable[..., None], mail_server: MailboxServer) -> None:
    mail_server.mailbox.clear()
    queue_mail("taro@example.com")
    with app.app_context():
        dead_worker = queue.claim(db.session(), lease_seconds=300)
    assert dead_worker is not None
    assert run_jobs(app) == []  # still leased
    assert run_jobs(app, utcnow() + timedelta(seconds=301)) == [dead_worker.id]
    assert len(mail_server.mailbox.messages()) == 1
    with app.app_context():  # the first worker comes back too late: its outcome is refused
        assert queue.finish(db.session(), dead_worker) is False
        assert queue.fail(db.session(), dead_worker, "late", max_attempts=8,
                          backoff_base=60) is None
    [job] = jobs_in(app)
    assert job.state == "done" and job.attempts == 2
    assert run_jobs(app, utcnow() + timedelta(days=1)) == []
    assert len(mail_server.mailbox.messages()) == 1


def test_a_failing_mail_waits_longer_each_time_and_is_dead_after_the_last_attempt(
        app: Flask, queue_mail: Callable[..., None], mail_server: MailboxServer,
        caplog: pytest.LogCaptureFixture) -> None:
    mail_server.mailbox.clear()
    app.config.update(SMTP_URL=f"smtp://127.0.0.1:{free_port()}", JOB_MAX_ATTEMPTS=4,
                      JOB_BACKOFF_SECONDS=60)
    queue_mail("taro@example.com")
    now = utcnow()
    for attempt in (1, 2, 3):
        assert len(run_jobs(app, now)) == 1
        [job] = jobs_in(app)
        assert job.state == "pending" and job.attempts == attempt
        wait = (job.run_after - now).total_seconds()
        assert 30 * 2 ** (attempt - 1) <= wait <= 60 * 2 ** (attempt - 1)
        assert run_jobs(app, job.run_after - timedelta(seconds=1)) == []  # not yet
        now = job.run_after
    with caplog.at_level(logging.ERROR, logger="keitai.jobs.worker"):
        assert len(run_jobs(app, now)) == 1
    [job] = jobs_in(app)
    assert job.state == "dead" and job.attempts == 4
    assert job.last_error is not None and job.last_error.startswith("MailNotSent: ")
    assert "is dead after 4 attempts" in caplog.text
    app.config["SMTP_URL"] = mail_server.url
    assert run_jobs(app, now + timedelta(days=30)) == []  # the dead stay dead
    assert mail_server.mailbox.messages() == []


def test_backoff_doubles_up_to_an_hour_with_a_random_half() -> None:
    import random

    rng = random.Random(7)
    for attempts, full in ((1, 60), (2, 120), (6, 1920), (7, 3600), (40, 3600)):
        waits = [queue.backoff_seconds(attempts, 60, rng) for _ in range(50)]
        assert all(full / 2 <= wait <= full for wait in waits)
        assert len(set(waits)) == 50


def test_the_worker_thread_goes_on_past_a_failing_job_and_stops_when_asked(
        app: Flask, queue_mail: Callable[..., None], mail_server: MailboxServer) -> None:
    mail_server.mailbox.clear()
    app.config["JOB_POLL_SECONDS"] = 0.05
    with app.app_context():
        jobs.enqueue("test.boom", {"n": 1})
        db.session.commit()
    queue_mail("taro@example.com")
    worker = BackgroundWorker(app).start()
    try:
        for _wait in range(400):
            if mail_server.mailbox.messages() and jobs_in(app)[0].attempts:
                break
            time.sleep(0.05)
    finally:
        worker.stop()
    assert not worker.thread.is_alive()
    boom, sent = jobs_in(app)
    assert boom.state == "pending" and boom.last_error == "RuntimeError: boom 1"
    assert sent.state == "done"
    assert [m["Delivered-To"] for m in mail_server.mailbox.messages()] == ["taro@example.com"]


def test_an_unknown_kind_is_refused_when_queued() -> None:
    with pytest.raises(jobs.UnknownJob):
        jobs.enqueue("no.such.kind", {})


def test_keitai_worker_once_sends_the_queued_mail_and_exits(
        app: Flask, queue_mail: Callable[..., None], mail_server: MailboxServer) -> None:
    mail_server.mailbox.clear()
    queue_mail("taro@example.com", "hanako@example.com")
    result = CliRunner().invoke(keitai, ["worker", "--once"], env={
        "KEITAI_DATABASE_URL": app.config["DATABASE_URL"], "KEITAI_SMTP_URL": mail_server.url})
    assert result.exit_code == 0, result.output
    assert "ran 2 jobs" in result.output
    assert len(mail_server.mailbox.messages()) == 2


def test_keitai_worker_stops_cleanly_on_sigterm(
        app: Flask, queue_mail: Callable[..., None], mail_server: MailboxServer) -> None:
    mail_server.mailbox.clear()
    env = {**os.environ, "KEITAI_DATABASE_URL": app.config["DATABASE_URL"],
           "KEITAI_SMTP_URL": mail_server.url, "KEITAI_JOB_POLL_SECONDS": "0.1"}
    process = subprocess.Popen(
        [sys.executable, "-c", "from keitai.cli import main; main()", "worker"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        assert "running jobs" in process.stdout.readline()
        queue_mail("taro@example.com")  # queued while it runs: picked up at its next look
        for _wait in range(300):
            if mail_server.mailbox.messages():
                break
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        out, _err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert "stopped" in out
    assert [m["Delivered-To"] for m in mail_server.mailbox.messages()] == ["taro@example.com"]


@pytest.mark.parametrize("options, worker_thread", [([], True), (["--no-worker"], False)])
def test_keitai_serve_runs_a_worker_thread_beside_the_site(
        app: Flask, queue_mail: Callable[..., None], mail_server: MailboxServer,
        monkeypatch: pytest.MonkeyPatch, options: list[str], worker_thread: bool) -> None:
    mail_server.mailbox.clear()
    queue_mail("taro@example.com")
    seen: dict[str, object] = {}

    def serving(host: str, port: int, application: object, **_kwargs: object) -> None:
        """Stand in for the web server: watch the mailbox while the site would be served."""
        for _wait in range(100 if worker_thread else 10):
            if mail_server.mailbox.messages():
                break
            time.sleep(0.05)
        seen["threads"] = [thread.name for thread in threading.enumerate()]

    monkeypatch.setattr("werkzeug.serving.run_simple", serving)
    result = CliRunner().invoke(keitai, ["serve", *options], env={
        "KEITAI_DATABASE_URL": app.config["DATABASE_URL"], "KEITAI_SMTP_URL": mail_server.url,
        "KEITAI_JOB_POLL_SECONDS": "0.05"})
    assert result.exit_code == 0, result.output
    assert ("keitai-worker" in seen["threads"]) is worker_thread  # type: ignore[operator]
    assert len(mail_server.mailbox.messages()) == int(worker_thread)
    assert "keitai-worker" not in [thread.name for thread in threading.enumerate()]


def test_done_jobs_are_deleted_after_the_days_they_are_kept_and_the_dead_stay(
        app: Flask, queue_mail: Callable[..., None], mail_server: MailboxServer) -> None:
    app.config["JOB_KEEP_DAYS"] = 7
    queue_mail("taro@example.com")
    with app.app_context():
        jobs.enqueue("test.boom", {"n": 2})
        db.session.commit()
    app.config["JOB_MAX_ATTEMPTS"] = 1
    now = utcnow()
    run_jobs(app, now)
    assert [job.state for job in jobs_in(app)] == ["done", "dead"]
    worker = Worker(app)
    assert worker.purge(now + timedelta(days=6)) == 0
    assert worker.purge(now + timedelta(days=8)) == 1
    assert [job.state for job in jobs_in(app)] == ["dead"]


def test_a_worker_takes_the_next_job_without_waiting_for_one_another_worker_is_claiming(
        app: Flask, queue_mail: Callable[..., None]) -> None:
    from sqlalchemy import select, text
    from sqlalchemy.orm import Session

    from keitai.models.job import Job

    queue_mail("first@example.com", "second@example.com")
    first, second = (job.id for job in jobs_in(app))
    with app.app_context():
        engine = db.engine
        assert engine is not None
        postgresql = engine.dialect.name == "postgresql"
        with Session(engine) as other:
            if postgresql:  # another worker between its SELECT … FOR UPDATE and its commit
                other.execute(select(Job.id).where(Job.id == first).with_for_update())
            else:  # SQLite has no row locks: the other worker's claim is already written
                assert queue.claim(other, 300).id == first  # type: ignore[union-attr]
            session = db.session()
            if postgresql:  # waiting for the locked row would fail here instead of hanging
                session.execute(text("SET LOCAL lock_timeout = '2s'"))
            taken = queue.claim(session, 300)
            other.rollback()
        db.session.remove()
    assert taken is not None and taken.id == second
