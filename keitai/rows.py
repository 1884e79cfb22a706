"""Type names for statements and rows whose columns each query chooses."""
from __future__ import annotations

from typing import Any, TypeAlias

from sqlalchemy import Row, Select

#: a SELECT of any columns (SQLAlchemy types a statement by the tuple of its columns)
AnySelect: TypeAlias = Select[*tuple[Any, ...]]
#: one row of such a SELECT
AnyRow: TypeAlias = Row[*tuple[Any, ...]]
