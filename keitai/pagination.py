"""Short pages of a list: a handset shows 10-20 rows, with previous/next on keys 4 and 6."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeAlias

from sqlalchemy import Integer, Select, bindparam
from sqlalchemy.orm import Session

from keitai.db import db
from keitai.numbers import parse_number

#: the query parameter naming the page of a list
PAGE_PARAM = "page"
#: a select of any columns (SQLAlchemy 2.1 types a select by its columns)
AnySelect: TypeAlias = Select[*tuple[Any, ...]]
#: no list goes deeper than this (a crawler walking to page 10 000 costs the database)
MAX_PAGE = 500


@dataclass(frozen=True)
class Page:
    """One page of rows, and whether there are pages before and after it."""

    rows: list[Any]
    number: int
    has_next: bool

    @property
    def has_prev(self) -> bool:
        """Return True when there is a page before this one."""
        return self.number > 1


def page_number(value: str | None) -> int:
    """Return the page a request asks for (1 when none or nonsense)."""
    number = parse_number(value)
    return min(max(number, 1), MAX_PAGE) if number is not None else 1


def fetch_page(statement: AnySelect, number: int, per_page: int) -> Page:
    """Run an ordered select for one page: one statement, one row more to know of a next."""
    rows = db.session.execute(
        statement.limit(per_page + 1).offset((number - 1) * per_page)).all()
    return Page(rows=list(rows[:per_page]), number=number, has_next=len(rows) > per_page)


#: the LIMIT and OFFSET of a statement built once (see `paged`), bound at each execution
PAGE_LIMIT = bindparam("page_limit", type_=Integer)
PAGE_OFFSET = bindparam("page_offset", type_=Integer)


def paged(statement: AnySelect) -> AnySelect:
    """Return an ordered select with LIMIT and OFFSET left as parameters, to build once."""
    return statement.limit(PAGE_LIMIT).offset(PAGE_OFFSET)


def fetch_prepared(statement: AnySelect, params: dict[str, Any], number: int,
                   per_page: int, session: Session | None = None) -> Page:
    """Like fetch_page, for a `paged` statement built once: only the values change.

    session: where to read (keitai.replica.read_session for lists that tolerate lag).
    """
    rows = (session or db.session()).execute(statement, {
        **params, PAGE_LIMIT.key: per_page + 1, PAGE_OFFSET.key: (number - 1) * per_page,
    }).all()
    return Page(rows=list(rows[:per_page]), number=number, has_next=len(rows) > per_page)


def fetch_window(build: Callable[[int, int], AnySelect], number: int, per_page: int,
                 session: Session | None = None) -> Page:
    """Like fetch_page, for a select that places LIMIT and OFFSET itself: build(limit, offset)."""
    rows = (session or db.session()).execute(build(per_page + 1, (number - 1) * per_page)).all()
    return Page(rows=list(rows[:per_page]), number=number, has_next=len(rows) > per_page)
