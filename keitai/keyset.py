"""Keyset pages of a list that may hold 100,000 rows: each page starts after a row, never
after an OFFSET that the database would have to read through.

A list is ordered by a few columns of one table, ending with a unique one (its id). The next
page's link carries the last row's id (`?after=`), the previous page's the first row's
(`?before=`); the statement finds that row's place with a subquery on the same index, so the
page costs the same on page 1 and page 5,000. The page before is read backwards and turned
round.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Integer, bindparam, select, tuple_
from sqlalchemy.orm import Session, aliased

from keitai.db import db
from keitai.numbers import parse_number
from keitai.rows import AnySelect

#: the query parameters naming where a page starts
AFTER, BEFORE = "after", "before"
Mode = Literal["first", "after", "before"]
#: the cursor's bound parameter in a keyset statement
CURSOR = bindparam("cursor", type_=Integer)
LIMIT = bindparam("keyset_limit", type_=Integer)


@dataclass(frozen=True)
class Cursor:
    """Where a page starts: the first page, after a row, or before a row (by its id)."""

    mode: Mode = "first"
    row_id: int | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> Cursor:
        """Read ?after= or ?before= (the first page when neither is a number)."""
        modes: tuple[Mode, Mode] = ("after", "before")
        for mode in modes:
            number = parse_number(args.get(mode))
            if number is not None and number > 0:
                return cls(mode, number)
        return cls()


@dataclass(frozen=True)
class Slice:
    """One keyset page: its rows, and the ids its previous and next links start from."""

    rows: list[Any]
    #: the id for ?before= (a page before this one), None on the first page
    newer: int | None
    #: the id for ?after= (a page after this one), None on the last page
    older: int | None


def ordered(statement: AnySelect, model: Any, keys: tuple[str, ...], mode: Mode,
            descending: bool = True) -> AnySelect:
    """Return statement ordered by the model's key columns, limited, starting at the cursor.

    keys name the model's columns, the last of them unique (the id the cursor names).
    """
    columns = [getattr(model, key) for key in keys]
    backwards = (mode == "before") == descending  # ascending in the table's order
    if mode != "first":
        place = aliased(model)
        cursor_row = [select(getattr(place, key)).where(getattr(place, keys[-1]) == CURSOR)
                      .scalar_subquery() for key in keys[:-1]]
        here, there = tuple_(*columns), tuple_(*cursor_row, CURSOR)
        statement = statement.where(here > there if backwards else here < there)
    order = [column.asc() if backwards else column.desc() for column in columns]
    return statement.order_by(*order).limit(LIMIT)


def fetch_slice(build: Callable[[Mode], AnySelect], params: dict[str, Any], cursor: Cursor,
                per_page: int, session: Session | None = None, id_of: str = "id") -> Slice:
    """Run one keyset page; build(mode) returns the statement (made by `ordered`), each mode's
    built once by the caller."""
    values = {**params, LIMIT.key: per_page + 1}
    if cursor.mode != "first":
        values[CURSOR.key] = cursor.row_id
    rows = list((session or db.session()).execute(build(cursor.mode), values).all())
    more = len(rows) > per_page
    rows = rows[:per_page]
    if cursor.mode == "before":
        rows.reverse()
        newer = getattr(rows[0], id_of) if more and rows else None
        older = getattr(rows[-1], id_of) if rows else None
        return Slice(rows, newer, older)
    newer = getattr(rows[0], id_of) if cursor.mode == "after" and rows else None
    older = getattr(rows[-1], id_of) if more else None
    return Slice(rows, newer, older)
