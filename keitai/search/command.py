"""`keitai search reindex`: rebuild the search index from the rows, with a progress bar."""
from __future__ import annotations

import time
from collections.abc import Sequence

import click
from sqlalchemy import func, select

from keitai.db import db
from keitai.search.documents import SOURCES
from keitai.search.engines import KINDS, engine_for
from keitai.search.indexing import reindex


def reindex_with_progress(kinds: Sequence[str] = KINDS) -> dict[str, int]:
    """Rebuild the index of each kind in the app's database, showing a bar per kind; print
    the documents stored, the time taken and the index size."""
    session = db.session()
    started = time.perf_counter()
    stored: dict[str, int] = {}
    for kind in kinds:
        _load, id_column = SOURCES[kind]
        rows = int(session.scalar(select(func.count()).select_from(id_column.table)) or 0)
        with click.progressbar(length=rows, label=f"indexing {kind}") as bar:
            stored.update(reindex(session, [kind], lambda _kind, done: bar.update(done)))
    seconds = time.perf_counter() - started
    size = engine_for(session).size(session)
    figures = ", ".join(f"{count} {kind}" for kind, count in stored.items())
    click.echo(f"indexed {figures} in {seconds:.1f} s; the index takes {size / 1e6:.1f} MB")
    return stored
