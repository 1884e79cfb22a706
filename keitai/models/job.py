"""The job queue's rows: work that outlives the request that asked for it (the outbox)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base, utcnow

#: a job waits for its run_after, runs under a lease, then is done, or dead after its attempts
STATES = ("pending", "running", "done", "dead")


class Job(Base):
    """One piece of work for `keitai worker`: a mail to send, later images, feeds, indexing."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_due", "state", "run_after"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the handler that runs it ("mail")
    kind: Mapped[str] = mapped_column(String(50))
    #: what the handler needs; emptied once the job is done (a mail may hold a login link)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: one of STATES
    state: Mapped[str] = mapped_column(String(10), default="pending")
    #: how many times a worker has claimed it
    attempts: Mapped[int] = mapped_column(default=0)
    #: not to be run before this (now, or the end of a retry's back-off)
    run_after: Mapped[datetime] = mapped_column(default=utcnow)
    #: while running: when the worker's lease ends and another worker may take the job over
    locked_until: Mapped[datetime | None] = mapped_column()
    #: while running: the claim's random token; only its holder may finish the job
    lease: Mapped[str | None] = mapped_column(String(32))
    #: why the last attempt failed
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column()
