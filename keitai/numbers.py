"""Numbers from URLs and forms: ASCII digits only, never larger than the database holds.

``str.isdigit()`` is True for "²" and "①", which ``int()`` refuses, and ``int()`` takes
"١٢" (Arabic-Indic digits) and numbers no database column can hold: every number a request
carries is read here instead. Full-width digits (１２３), which a handset in kana mode types,
are read as ASCII digits; nothing else is a digit.
"""
from __future__ import annotations

import builtins

from flask import Flask
from werkzeug.routing import IntegerConverter, Map, ValidationError

#: the largest id: every id column is a 32-bit INTEGER on PostgreSQL
ID_MAX = 2**31 - 1
_ASCII_DIGITS = frozenset("0123456789")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def parse_number(value: str | None, maximum: int = ID_MAX) -> int | None:
    """Return the whole number a field holds (ASCII or full-width digits), else None."""
    if not value or len(value) > len(str(maximum)):
        return None
    digits = value.translate(_FULL_WIDTH)
    if not _ASCII_DIGITS.issuperset(digits):
        return None
    number = int(digits)
    return number if number <= maximum else None


class IdConverter(IntegerConverter):
    """The ``<int:...>`` of every route: ASCII digits, at most ID_MAX, else the route 404s."""

    regex = r"[0-9]+"

    def __init__(self, map: Map, fixed_digits: int = 0, min: int | None = None,
                 max: int | None = None, signed: bool = False) -> None:
        ceiling = ID_MAX if max is None else builtins.min(max, ID_MAX)
        super().__init__(map, fixed_digits, min, ceiling, signed)

    def to_python(self, value: str) -> int:
        """Return the id a path segment names; refuse one too long to be an id."""
        if len(value.lstrip("-")) > len(str(ID_MAX)):
            raise ValidationError()
        number: int = super().to_python(value)
        return number


def init_app(app: Flask) -> None:
    """Make ``<int:...>`` in every route an IdConverter (before any route is added)."""
    app.url_map.converters["int"] = IdConverter
