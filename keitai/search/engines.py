"""Search engines: where the terms of each kind of document are kept and how they are matched.

One interface (`Engine`), one engine per database, chosen by the dialect of the session:

- SQLite: an FTS5 table per kind, `search_<kind>(uni, bi)`, whose rowid is the document's
  id; a query is an FTS5 MATCH expression (unigram terms, bigram phrases).
- PostgreSQL: a table per kind, `search_<kind>(id bigint primary key, terms tsvector)`, with a
  GIN index; unigrams are lexemes, bigrams lexemes with positions, and a query is a tsquery
  (`<->` joins a phrase's bigrams).

An engine gives the search a FROM item, the document-id column and a WHERE condition; the
search joins them to the rows it shows and checks every privacy rule on those rows, so the
index may lag a moment behind (a job updates it) but never shows what a viewer may not see.
Another engine (OpenSearch, Meilisearch) implements the same four methods: README says how.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    FromClause,
    bindparam,
    cast,
    column,
    delete,
    insert,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.orm import Session

from keitai.search.grams import Needle, Terms

#: the kinds of document, each its own index
KINDS = ("members", "communities", "diaries", "topics")
#: the bound parameter holding the engine's query
QUERY = "search_query"
#: PostgreSQL keeps positions up to this; later bigrams of a long document are not indexed
_PG_POSITION_MAX = 16383


def owns_table(name: str | None) -> bool:
    """Return True for a table an engine made (an index, or one of FTS5's own tables): the
    models do not describe them, so schema comparisons leave them out."""
    return bool(name) and str(name).startswith("search_")


def table_name(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"no search index for {kind!r}")
    return f"search_{kind}"


class Engine(Protocol):
    """What the search needs of an engine."""

    name: str

    def store(self, session: Session, kind: str, documents: Sequence[tuple[int, Terms]]) -> None:
        """Add or replace the documents (id, terms) of a kind."""

    def remove(self, session: Session, kind: str, ids: Sequence[int]) -> None:
        """Forget documents of a kind."""

    def clear(self, session: Session, kind: str) -> None:
        """Forget every document of a kind."""

    def prune(self, session: Session, kind: str, rows: str, slots: int) -> None:
        """Forget the documents whose row (id // slots) is no longer in the table rows."""

    def finish(self, session: Session, kind: str) -> None:
        """Make the index of a kind ready for queries after a rebuild."""

    #: True when the engine reads its matches newest first and stops at the LIMIT (FTS5);
    #: False when the search should first look among the newest documents (PostgreSQL)
    newest_first: bool

    def source(self, kind: str, words: Sequence[Sequence[Needle]], newest: int | None = None,
               below: Any = None, above: Any = None
               ) -> tuple[FromClause, ColumnElement[int], ColumnElement[bool], dict[str, Any]]:
        """Return (FROM item, document id column, condition, parameters) that find the
        documents holding every word (a word: any of its needles); with newest, among the
        newest that many documents only: those with ids below `below` (an SQL expression),
        or the oldest that many above `above`, when given."""

    def size(self, session: Session) -> int:
        """Return the bytes the indexes take on disk (0 when the engine cannot tell)."""


class Fts5Engine:
    """SQLite's full-text index, FTS5."""

    name = "sqlite-fts5"
    newest_first = True

    def store(self, session: Session, kind: str, documents: Sequence[tuple[int, Terms]]) -> None:
        if not documents:
            return
        self.remove(session, kind, [doc_id for doc_id, _terms in documents])
        target = table(table_name(kind), column("rowid"), column("uni"), column("bi"))
        session.execute(insert(target), [
            {"rowid": doc_id, "uni": terms.unigram_text(), "bi": terms.bigram_text()}
            for doc_id, terms in documents])

    def remove(self, session: Session, kind: str, ids: Sequence[int]) -> None:
        if ids:
            target = table(table_name(kind), column("rowid"))
            session.execute(delete(target).where(target.c.rowid.in_(list(ids))))

    def clear(self, session: Session, kind: str) -> None:
        session.execute(text(f"DELETE FROM {table_name(kind)}"))

    def prune(self, session: Session, kind: str, rows: str, slots: int) -> None:
        session.execute(text(f"DELETE FROM {table_name(kind)} WHERE rowid / {int(slots)} "
                             f"NOT IN (SELECT id FROM {rows})"))

    def finish(self, session: Session, kind: str) -> None:
        # merge the index's segments into one: fewer b-trees for every query to read
        name = table_name(kind)
        session.execute(text(f"INSERT INTO {name} ({name}) VALUES ('optimize')"))

    @staticmethod
    def expression(words: Sequence[Sequence[Needle]]) -> str:
        """Return the FTS5 query: every word, each as any of its needles."""
        def one(needle: Needle) -> str:
            if needle.unigram is not None:
                return f'uni : "{needle.unigram}"'
            return f'bi : "{" ".join(needle.bigrams)}"'

        return " AND ".join("(" + " OR ".join(one(needle) for needle in word) + ")"
                            for word in words)

    def source(self, kind: str, words: Sequence[Sequence[Needle]], newest: int | None = None,
               below: Any = None, above: Any = None
               ) -> tuple[FromClause, ColumnElement[int], ColumnElement[bool], dict[str, Any]]:
        name = table_name(kind)
        found = table(name, column("rowid", BigInteger))
        condition = literal_column(name).op("MATCH")(bindparam(QUERY))
        return found, found.c.rowid, condition, {QUERY: self.expression(words)}

    def size(self, session: Session) -> int:
        total = 0
        for kind in KINDS:
            total += int(session.scalar(text(
                "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE :prefix"),
                {"prefix": f"{table_name(kind)}%"}) or 0)
        return total


def _lexeme(term: str) -> str:
    return f"'{term}'"


class PostgresEngine:
    """PostgreSQL: a tsvector of n-gram lexemes per document, under a GIN index."""

    name = "postgresql-gin"
    newest_first = False

    @staticmethod
    def vector(terms: Terms) -> str:
        """Return the tsvector literal of a document's terms."""
        positions: dict[str, list[int]] = {}
        position = 1
        for run in terms.runs:
            for term in run:
                if position > _PG_POSITION_MAX:
                    break
                positions.setdefault(term, []).append(position)
                position += 1
            position += 1  # runs apart: no phrase spans two of them
        parts = [_lexeme(term) for term in terms.unigrams]
        parts.extend(f"{_lexeme(term)}:{','.join(map(str, found[:256]))}"
                     for term, found in positions.items())
        return " ".join(parts)

    def store(self, session: Session, kind: str, documents: Sequence[tuple[int, Terms]]) -> None:
        if not documents:
            return
        name = table_name(kind)
        session.execute(text(
            f"INSERT INTO {name} (id, terms) VALUES (:id, CAST(:terms AS tsvector)) "
            "ON CONFLICT (id) DO UPDATE SET terms = excluded.terms"),
            [{"id": doc_id, "terms": self.vector(terms)} for doc_id, terms in documents])

    def remove(self, session: Session, kind: str, ids: Sequence[int]) -> None:
        if ids:
            target = table(table_name(kind), column("id"))
            session.execute(delete(target).where(target.c.id.in_(list(ids))))

    def clear(self, session: Session, kind: str) -> None:
        session.execute(text(f"TRUNCATE {table_name(kind)}"))

    def prune(self, session: Session, kind: str, rows: str, slots: int) -> None:
        session.execute(text(f"DELETE FROM {table_name(kind)} AS found WHERE NOT EXISTS "
                             f"(SELECT 1 FROM {rows} WHERE {rows}.id = found.id / {int(slots)})"))

    def finish(self, session: Session, kind: str) -> None:
        # the planner chooses between reading the newest documents first and asking the GIN
        # index by how common each term is: it must know (the column keeps 10,000 of the
        # commonest terms, migration 0011)
        session.execute(text(f"ANALYZE {table_name(kind)}"))

    @staticmethod
    def expression(words: Sequence[Sequence[Needle]]) -> str:
        """Return the tsquery: every word (&), each as any of its needles (|)."""
        def one(needle: Needle) -> str:
            if needle.unigram is not None:
                return _lexeme(needle.unigram)
            return "(" + " <-> ".join(_lexeme(term) for term in needle.bigrams) + ")"

        return " & ".join("(" + " | ".join(one(needle) for needle in word) + ")"
                          for word in words)

    def source(self, kind: str, words: Sequence[Sequence[Needle]], newest: int | None = None,
               below: Any = None, above: Any = None
               ) -> tuple[FromClause, ColumnElement[int], ColumnElement[bool], dict[str, Any]]:
        found: FromClause = table(table_name(kind), column("id", BigInteger), column("terms"))
        if newest is not None:
            # the LIMIT keeps the match out of the subquery: PostgreSQL reads the newest
            # documents by the primary key and tests each (a phrase of common bigrams looks
            # rare to the planner, which would otherwise recheck every older match)
            key = found.c.id
            recent = select(key, found.c.terms)
            if above is not None:
                recent = recent.where(key > above).order_by(key.asc())
            else:
                recent = recent.where(key < below) if below is not None else recent
                recent = recent.order_by(key.desc())
            found = recent.limit(newest).subquery("newest")
        condition = found.c.terms.op("@@")(cast(bindparam(QUERY), TSQUERY))
        return found, found.c.id, condition, {QUERY: self.expression(words)}

    def size(self, session: Session) -> int:
        return sum(int(session.scalar(text("SELECT pg_total_relation_size(:name)"),
                                      {"name": table_name(kind)}) or 0) for kind in KINDS)


def engine_for(session: Session) -> Engine:
    """Return the engine of the session's database."""
    if session.get_bind().dialect.name == "postgresql":
        return PostgresEngine()
    return Fts5Engine()
