"""The worker: run due jobs one by one, each under a lease, until told to stop.

Each job is claimed in its own short transaction, its handler runs outside it, and the outcome
(done, or a failed attempt) is written in another. A failing job never stops the loop, and an
unreachable database only makes the worker wait and look again.
"""
from __future__ import annotations

import logging
import threading
import time
from datetime import datetime

from flask import Flask

from keitai import jobs
from keitai.db import db
from keitai.jobs import queue

log = logging.getLogger(__name__)
#: how often an idle worker deletes old done jobs
PURGE_SECONDS = 3600


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

    def run(self, stop: threading.Event) -> None:
        """Run jobs as they come due until stop is set, looking again every poll interval.

        When idle it deletes old done jobs, at most once per PURGE_SECONDS.
        """
        poll = float(self.app.config["JOB_POLL_SECONDS"])
        purged_at = 0.0
        while not stop.is_set():
            try:
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
