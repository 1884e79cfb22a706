"""Keeping the index up to date: a job per change, and a rebuild of everything.

A write that changes what a document says (a diary written, edited or deleted; a profile
saved; a community or topic created, edited or closed) calls `changed` in its own
transaction: the job exists only if the write commits (keitai.jobs), and the worker then
reads the row as it is and stores its terms, or forgets the document when the row is gone.
Running a job twice stores the same terms twice: nothing changes.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.orm import Session

from keitai import jobs
from keitai.db import db
from keitai.search.engines import KINDS, engine_for

# keitai.search.documents reads the features' models and labels, and the features call
# `changed`: the documents are imported where they are used, never when a feature imports
# this module.

#: the job kind that refreshes documents
JOB = "search.index"
#: rows read and written per step of a rebuild
REINDEX_BATCH = 500


def changed(kind: str, *ids: int) -> None:
    """Have the worker refresh the documents of these rows (in the caller's transaction)."""
    if kind not in KINDS:
        raise ValueError(f"no search index for {kind!r}")
    if ids:
        jobs.enqueue(JOB, {"kind": kind, "ids": list(ids)})


def refresh(session: Session, kind: str, ids: Sequence[int]) -> int:
    """Store the terms of the rows with ids as they are now, forget those gone; return how
    many rows were found (a member's four documents are one row)."""
    from keitai.search.documents import SLOTS, SOURCES, document_ids  # noqa: PLC0415

    load, _id_column = SOURCES[kind]
    found = load(session, ids)
    engine = engine_for(session)
    engine.remove(session, kind, [doc for doc in document_ids(kind, ids) if doc not in found])
    engine.store(session, kind, sorted(found.items()))
    return len(found) // SLOTS if kind == "members" else len(found)


@jobs.handler(JOB)
def _refresh_job(payload: dict[str, Any]) -> None:
    refresh(db.session(), payload["kind"], [int(item) for item in payload["ids"]])


def reindex(session: Session, kinds: Sequence[str] = KINDS,
            progress: Callable[[str, int], None] | None = None,
            batch: int = REINDEX_BATCH) -> dict[str, int]:
    """Rebuild the index of each kind from the rows, committing after every batch, then forget
    documents whose rows are gone; call progress(kind, rows done) as it goes; return the
    rows indexed per kind. Searches go on meanwhile and find what they found before."""
    from keitai.search.documents import SLOTS, SOURCES, batches  # noqa: PLC0415
    engine = engine_for(session)
    stored: dict[str, int] = {}
    for kind in kinds:
        stored[kind] = 0
        for ids in batches(session, kind, batch):
            stored[kind] += refresh(session, kind, ids)
            session.commit()
            if progress is not None:
                progress(kind, len(ids))
        _load, id_column = SOURCES[kind]
        engine.prune(session, kind, id_column.table.name, SLOTS if kind == "members" else 1)
        session.commit()
        engine.finish(session, kind)
        session.commit()
    return stored
