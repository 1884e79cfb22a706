"""The job queue: slow or failing work (mail, later images, video, feeds, indexing) as rows.

A job is written with enqueue() into the caller's transaction, so it exists only if the action
that asked for it commits (the outbox pattern). `keitai worker` (or the worker thread of
`keitai demo` and `keitai serve`) claims due jobs under a lease, runs the handler registered for
their kind, and marks them done, or tries again later with a growing back-off, or gives up
after the last attempt (dead). keitai.jobs.worker runs them; keitai.jobs.queue holds the SQL.
"""
from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from keitai.db import db
from keitai.models.base import utcnow
from keitai.models.job import Job

#: a handler runs one job from its payload; it raises to have the job tried again later
Handler = Callable[[dict[str, Any]], None]
#: the modules that register handlers, imported before a kind is looked up
HANDLER_MODULES = ("keitai.mail", "keitai.search.indexing", "keitai.features.albums.jobs",
                   "keitai.features.videos.jobs", "keitai.mail_in.jobs",
                   "keitai.notices.jobs", "keitai.features.news.jobs",
                   "keitai.features.blog.jobs", "keitai.features.music.jobs")
_HANDLERS: dict[str, Handler] = {}


class Permanent(Exception):
    """A job failed in a way no retry can mend: it goes dead at once."""


class UnknownJob(LookupError):
    """No handler is registered for a job's kind."""


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of kind."""

    def register(function: Handler) -> Handler:
        _HANDLERS[kind] = function
        return function

    return register


def handler_for(kind: str) -> Handler:
    """Return the handler registered for kind; raise UnknownJob when there is none."""
    for module in HANDLER_MODULES:
        importlib.import_module(module)
    try:
        return _HANDLERS[kind]
    except KeyError:
        raise UnknownJob(f"no handler for jobs of kind {kind!r}") from None


def enqueue(kind: str, payload: dict[str, Any], *, delay_seconds: float = 0,
            session: Session | None = None) -> Job:
    """Add a job to the caller's transaction without committing: it runs only if that commits."""
    handler_for(kind)  # a misspelt kind fails here, in the test of the action, not in a worker
    job = Job(kind=kind, payload=payload, state="pending", attempts=0,
              run_after=utcnow() + timedelta(seconds=delay_seconds))
    (session if session is not None else db.session).add(job)
    return job
