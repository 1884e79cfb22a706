"""Bulk inserts: Core executemany in batches, one transaction per batch, parents first."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, Table, func, insert, select, text

#: rows per INSERT executemany and per transaction
BATCH = 5000
#: SQLite page cache while seeding (the default 2 MB makes index inserts read the disk)
SQLITE_CACHE_KIB = 256 * 1024


class BulkWriter:
    """Buffer rows per table and insert them in batches, tables flushed in dependency order."""

    def __init__(self, engine: Engine, tables: list[Table], progress: Callable[[int], None],
                 counted: frozenset[str] = frozenset(), batch: int = BATCH) -> None:
        self.engine = engine
        self.tables = tables
        self.buffers: dict[str, list[dict[str, Any]]] = {t.name: [] for t in tables}
        self.progress = progress
        #: tables whose rows move the progress bar
        self.counted = counted
        self.batch = batch

    def add(self, table: Table, row: dict[str, Any]) -> None:
        """Queue a row; insert a batch when the table's buffer is full."""
        buffer = self.buffers[table.name]
        buffer.append(row)
        if len(buffer) >= self.batch:
            self.flush(table)

    def flush(self, table: Table) -> None:
        """Insert the buffered rows of table and of every table it may refer to."""
        for earlier in self.tables[: self.tables.index(table) + 1]:
            rows = self.buffers[earlier.name]
            if not rows:
                continue
            with self.engine.begin() as conn:
                if conn.dialect.name == "sqlite":  # room for the indexes' random inserts
                    conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
                conn.execute(insert(earlier), rows)
            if earlier.name in self.counted:
                self.progress(len(rows))
            self.buffers[earlier.name] = []

    def close(self) -> None:
        """Insert whatever is left."""
        self.flush(self.tables[-1])


def next_id(engine: Engine, table: Table) -> int:
    """Return the first id after the table's highest."""
    with engine.connect() as conn:
        return int(conn.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0) + 1


def reset_sequences(engine: Engine, tables: list[Table]) -> None:
    """Move PostgreSQL's id sequences past ids given explicitly (SQLite needs nothing)."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        for table in tables:
            conn.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"(SELECT max(id) FROM {table.name}))"))


def analyze(engine: Engine) -> None:
    """Refresh the planner's statistics after a bulk load (and PostgreSQL's visibility map,
    which index-only scans need): without them the first queries plan blind."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE" if conn.dialect.name == "postgresql" else "ANALYZE")
