"""The worker: run due jobs one by one, each under a lease, until told to stop.

Each job is claimed in its own short transaction, its handler runs outside it, and the outcome
(done, or a failed attempt) is written in another. A failing job never stops the loop, and an
unreachable database only makes the worker wait and look again.

Beside the jobs, every MAINTENANCE_SECONDS, busy or idle, a worker deletes the web sessions
and rate-limit counters that have expired, in batches each committed on its own, so requests
never pay for it and the tables stay bounded however many visitors come. Several workers may
do it at once: on PostgreSQL each skips the rows another is deleting.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial

from flask import Flask
from sqlalchemy.orm import Session

from keitai import jobs, ratelimit
from keitai.db import db
from keitai.features.blog import schedule as blog_schedule
from keitai.features.music import rankings as music_rankings
from keitai.features.news import schedule as news_schedule
from keitai.jobs import queue
from keitai.models.base import utcnow
from keitai.notices.events import remind_events
from keitai.session_store import purge_expired_rows
from keitai.uow import unit_of_work

log = logging.getLogger(__name__)
#: how often an idle worker deletes old done jobs
PURGE_SECONDS = 3600
#: rows deleted per statement (and transaction) by the maintenance
MAINTENANCE_BATCH = 5000


class Worker:
    """Run the jobs of one app's queue."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def run_one(self, now: datetime | None = None) -> queue.Claimed | None:
        """Claim one due job and run it; return it, or None when no job is due."""
        config = self.app.config
        with self.app.app_context():
            session = db.session()
            try:
                job = queue.claim(session, config["JOB_LEASE_SECONDS"], now)
                if job is None:
                    return None
                try:
                    jobs.handler_for(job.kind)(job.payload)
                except Exception as error:  # noqa: BLE001 - any failure is the job's, not ours
                    session.rollback()
                    self._record_failure(job, error, now)
                    return job
                if not queue.finish(session, job, now):
                    log.warning("job %s (%s) ran after its lease ran out and another worker "
                                "took it over", job.id, job.kind)
                return job
            finally:
                db.session.remove()

    def _record_failure(self, job: queue.Claimed, error: Exception,
                        now: datetime | None) -> None:
        config = self.app.config
        state = queue.fail(db.session(), job, f"{type(error).__name__}: {error}",
                           max_attempts=config["JOB_MAX_ATTEMPTS"],
                           backoff_base=config["JOB_BACKOFF_SECONDS"],
                           permanent=isinstance(error, jobs.Permanent), now=now)
        if state == "dead":
            log.error("job %s (%s) is dead after %d attempts: %s", job.id, job.kind,
                      job.attempts, error)
        else:
            log.warning("job %s (%s) attempt %d failed, to be tried again: %s", job.id,
                        job.kind, job.attempts, error)

    def drain(self, now: datetime | None = None) -> list[int]:
        """Run jobs until none is due; return the ids of those run (tests, `worker --once`)."""
        ran = []
        while (job := self.run_one(now)) is not None:
            ran.append(job.id)
        return ran

    def purge(self, now: datetime | None = None) -> int:
        """Delete the jobs done more than JOB_KEEP_DAYS ago; return how many went."""
        with self.app.app_context():
            try:
                return queue.purge_done(db.session(), self.app.config["JOB_KEEP_DAYS"] * 86400,
                                        now)
            finally:
                db.session.remove()

    def maintain(self, now: datetime | None = None) -> dict[str, int]:
        """Delete expired web sessions and rate-limit counters, and remind the participants of
        tomorrow's events (keitai.notices.events); return how many of each went.

        Batch by batch, each in a transaction of its own, until a batch deletes nothing. With
        several workers at it, the one that deleted last always looks once more, so none
        stops while expired rows are left that nobody is deleting.
        """
        idle = self.app.config["SESSION_IDLE_SECONDS"]
        at = now or utcnow()
        steps: dict[str, Callable[[Session], int]] = {
            "sessions": partial(purge_expired_rows, idle_seconds=idle, now=at,
                                batch=MAINTENANCE_BATCH),
            "rate_counters": partial(ratelimit.purge_expired_counters, now=at,
                                     batch=MAINTENANCE_BATCH),
            # not a deletion: tomorrow's events not yet reminded, told to their participants
            "event_reminders": partial(remind_events, now=at),
            # the news feeds and members' blogs due a fetch, as jobs; the music rankings
            "news_fetches": partial(news_schedule.enqueue_due, now=at),
            "blog_fetches": partial(blog_schedule.enqueue_due, now=at),
            "music_rankings": partial(music_rankings.compute_due, now=at),
        }
        gone: dict[str, int] = {}
        with self.app.app_context():
            try:
                for name, step in steps.items():
                    gone[name] = 0
                    while True:
                        with unit_of_work() as session:  # a batch: one short transaction
                            count = step(session)
                        gone[name] += count
                        # nothing done: nothing left, or the rest is another worker's
                        if count == 0:
                            break
            finally:
                db.session.remove()
        if any(gone.values()):
            log.info("maintenance: deleted %(sessions)d expired sessions and "
                     "%(rate_counters)d expired rate counters", gone)
        return gone

    def run(self, stop: threading.Event) -> None:
        """Run jobs as they come due until stop is set, looking again every poll interval.

        Every MAINTENANCE_SECONDS it deletes what has expired (see maintain); when idle it
        deletes old done jobs, at most once per PURGE_SECONDS.
        """
        poll = float(self.app.config["JOB_POLL_SECONDS"])
        every = float(self.app.config["MAINTENANCE_SECONDS"])
        purged_at = 0.0
        maintained_at = -every
        while not stop.is_set():
            try:
                if time.monotonic() - maintained_at >= every:
                    maintained_at = time.monotonic()
                    self.maintain()
                job = self.run_one()
                if job is None and time.monotonic() - purged_at > PURGE_SECONDS:
                    purged_at = time.monotonic()
                    self.purge()
            except Exception:  # noqa: BLE001 - the database may be back in a moment
                log.exception("worker: could not reach the job queue")
                job = None
            if job is None:
                stop.wait(poll)


class BackgroundWorker:
    """A worker in a daemon thread of its own (`keitai demo`, `keitai serve`, tests)."""

    def __init__(self, app: Flask) -> None:
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=Worker(app).run, args=(self.stopping,),
                                       name="keitai-worker", daemon=True)

    def start(self) -> BackgroundWorker:
        """Start the thread; return self."""
        self.thread.start()
        return self

    def stop(self, timeout: float = 30) -> None:
        """Ask the worker to stop after its current job and wait for it."""
        self.stopping.set()
        self.thread.join(timeout)
