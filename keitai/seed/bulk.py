"""Bulk loading in one transaction: PostgreSQL's COPY, else Core executemany in batches.

A loader takes one table at a time, its rows as an iterable of tuples (generated while they
are sent, so PostgreSQL stores rows while Python draws the next), parents before children.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, insert, literal, select, text

#: rows per executemany, and between two moves of the progress bar
BATCH = 5000
#: SQLite page cache while seeding (the default 2 MB makes index inserts read the disk)
SQLITE_CACHE_KIB = 256 * 1024
#: PostgreSQL's memory for the index builds after a load into empty tables
BUILD_MEMORY = "256MB"

Progress = Callable[[int], None]


def batches(rows: Iterable[Sequence[Any]], size: int = BATCH) -> Iterator[list[Sequence[Any]]]:
    """Yield the rows in lists of at most size."""
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


class Loader:
    """Write rows table by table on one connection, inside its transaction."""

    def __init__(self, conn: Connection, progress: Progress) -> None:
        self.conn = conn
        self.progress = progress

    def load(self, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]],
             counted: bool = True) -> int:
        """Write rows (tuples in the order of columns); return how many there were."""
        raise NotImplementedError

    def finish(self) -> None:
        """Do what the load put off, before the transaction commits."""


class InsertLoader(Loader):
    """Core INSERT executemany, BATCH rows at a time (SQLite, and any other database)."""

    def __init__(self, conn: Connection, progress: Progress) -> None:
        super().__init__(conn, progress)
        if conn.dialect.name == "sqlite":  # room for the indexes' random inserts
            conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")

    def load(self, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]],
             counted: bool = True) -> int:
        """Insert the rows in batches, converted by the column types' bind processors.

        The statement is compiled once and the driver gets plain tuples: as COPY does, only
        the columns named are set (a column left out takes the database's default, not a
        Python-side one), and SQLAlchemy builds no parameter dictionary per row.
        """
        dialect, written = self.conn.dialect, 0
        compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
        order = [columns.index(name) for name in compiled.positiontup or columns]
        processors = [(place, processor) for place, name in enumerate(columns)
                      if (processor := table.c[name].type.dialect_impl(dialect)
                          .bind_processor(dialect))]
        for batch in batches(rows):
            values = []
            for row in batch:
                converted = list(row)
                for place, processor in processors:
                    converted[place] = processor(converted[place])
                values.append(tuple(converted[place] for place in order))
            self.conn.exec_driver_sql(str(compiled), values)
            written += len(batch)
            if counted:
                self.progress(len(batch))
        return written


class CopyLoader(Loader):
    """PostgreSQL COPY through psycopg: one binary COPY statement per table.

    Into tables that are all empty (a fresh database), the foreign keys, the unique
    constraints no foreign key relies on and the plain indexes of the loaded tables are
    dropped first and made again by finish(), from the definitions the catalogue gives:
    building an index from sorted rows and checking a constraint with one scan or join cost
    far less than keeping them row by row. It all happens in the load's transaction, so no
    one ever sees the tables without them; primary keys stay.
    """

    def __init__(self, conn: Connection, progress: Progress, tables: Sequence[Table]) -> None:
        super().__init__(conn, progress)
        self.cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        self.deferred: list[str] = []
        if self._empty(tables):
            names = [table.name for table in tables]
            # nobody reads or writes them until the load commits; empty still, once locked?
            conn.exec_driver_sql(f"LOCK TABLE {', '.join(names)} IN ACCESS EXCLUSIVE MODE")
            if self._empty(tables):
                self._defer_indexes(names)

    def _empty(self, tables: Sequence[Table]) -> bool:
        """Tell whether none of the tables has a row."""
        return all(self.conn.scalar(select(literal(1)).select_from(table).limit(1)) is None
                   for table in tables)

    def _defer_indexes(self, names: list[str]) -> None:
        """Drop the tables' foreign keys, unique constraints and plain indexes; remember how
        to make them again."""
        conn = self.conn
        conn.exec_driver_sql(f"SET LOCAL maintenance_work_mem = '{BUILD_MEMORY}'")
        tables = {"names": names}
        constraints = conn.execute(text(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)"
            " FROM pg_constraint c WHERE c.conrelid = ANY(CAST(:names AS regclass[]))"
            " AND (c.contype = 'f' OR c.contype = 'u' AND NOT EXISTS (SELECT 1 FROM"
            " pg_constraint f WHERE f.contype = 'f' AND f.conindid = c.conindid))"
            " ORDER BY 1, 2"), tables).all()
        indexes = conn.execute(text(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
            " WHERE i.indrelid = ANY(CAST(:names AS regclass[])) AND NOT EXISTS ("
            "SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1"),
            tables).all()
        for table, name, _definition in constraints:
            conn.exec_driver_sql(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            conn.exec_driver_sql(f"DROP INDEX {name}")
        self.deferred = ([definition for _name, definition in indexes]
                         + [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
                            for table, name, definition in constraints])

    def load(self, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]],
             counted: bool = True) -> int:
        """COPY the rows into the table in PostgreSQL's binary format, typed as its columns
        are (Python int, str, bool, date and aware datetime; None for NULL)."""
        types: dict[str, str] = dict(self.conn.execute(text(
            "SELECT attname, atttypid::regtype::text FROM pg_attribute"
            " WHERE attrelid = CAST(:table AS regclass) AND attnum > 0 AND NOT attisdropped"),
            {"table": table.name}).all())
        statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)"
        written = 0
        with self.cursor.copy(statement) as copy:
            copy.set_types([types[column] for column in columns])
            write = copy.write_row
            for batch in batches(rows):
                for row in batch:
                    write(row)
                written += len(batch)
                if counted:
                    self.progress(len(batch))
        return written

    def finish(self) -> None:
        """Build the dropped indexes and make the dropped constraints again (checking them)."""
        for statement in self.deferred:
            self.conn.exec_driver_sql(statement)
        self.deferred = []


@contextmanager
def loader(engine: Engine, tables: Sequence[Table], progress: Progress) -> Iterator[Loader]:
    """Open a loader for the engine's database in one transaction, committed when it ends."""
    with engine.begin() as conn:
        chosen: Loader = (CopyLoader(conn, progress, tables)
                          if conn.dialect.name == "postgresql" else InsertLoader(conn, progress))
        yield chosen
        chosen.finish()


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
