"""The job queue in tests: run it the way `keitai worker` would, and a mailbox that does so."""
from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from keitai.db import db
from keitai.jobs.worker import Worker
from keitai.models.job import Job
from keitai.search.indexing import JOB as SEARCH_JOB
from simulator.mailbox import Mailbox


def run_jobs(app: Flask, now: datetime | None = None) -> list[int]:
    """Run every due job, as `keitai worker --once` does; return the ids of the jobs run."""
    return Worker(app).drain(now)


def jobs_in(app: Flask) -> list[Job]:
    """Return every row of the queue, oldest first, but the search's index jobs (every new
    member and every diary queues one; the search tests look at those)."""
    with app.app_context():
        found = list(db.session.scalars(select(Job).where(Job.kind != SEARCH_JOB)
                                        .order_by(Job.id)))
        db.session.expunge_all()
        return found


class DeliveringMailbox(Mailbox):
    """The test mailbox as its reader finds it after the worker ran: reading runs the queue.

    Mail leaves the site through the job queue, after the request; a test that reads the
    mailbox first lets the worker deliver what is due, as a reader who waits a moment would.
    """

    def __init__(self, directory: Path, app: Flask) -> None:
        super().__init__(directory)
        self.app = app

    def messages(self, recipient: str | None = None) -> list[EmailMessage]:
        """Run the due jobs, then return the messages (see Mailbox.messages)."""
        run_jobs(self.app)
        return super().messages(recipient)
