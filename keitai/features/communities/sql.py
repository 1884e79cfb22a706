"""Pieces of the community statements: an id parameter, a writer's name that outlives them."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, bindparam, func, literal, select

from keitai.models.member import Member

#: shown where a withdrawn member's name was
WITHDRAWN = "退会したユーザー"


def id_param(name: str) -> Any:
    """Return the parameter of an id in a statement built once."""
    return bindparam(name, type_=Integer)


def author_name(column: Any) -> Any:
    """Return the nickname of the member in column, or WITHDRAWN when there is none."""
    return func.coalesce(
        select(Member.nickname).where(Member.id == column).scalar_subquery(),
        literal(WITHDRAWN)).label("author_nickname")
