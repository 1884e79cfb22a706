"""Item identifiers: ISBN-10, ISBN-13 and JAN (EAN-13), checked and stored as 13 digits.

A member types what the back cover or the barcode says: hyphens, spaces and full-width
digits are fine. An ISBN-10 becomes its ISBN-13 (978 and the nine digits, a new check
digit). A JAN beginning 978 or 979 is a book's ISBN-13 (the barcode on a book is its ISBN).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from keitai.domain import DomainError

#: what may separate the groups of a printed ISBN
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―ー−]")
#: the prefixes of an EAN-13 that is an ISBN (Bookland)
ISBN_PREFIXES = ("978", "979")


class BadCode(DomainError):
    """What was typed is no ISBN or JAN (wrong length, a wrong check digit)."""

    default_message = ("ISBN・JANコードが正しくありません。"
                       "数字10桁(ISBN)か13桁(ISBN・JAN)で入力してください。")


@dataclass(frozen=True, slots=True)
class Code:
    """An identifier, as stored: 13 digits."""

    digits: str

    @property
    def is_isbn(self) -> bool:
        """Return True when it is a book's ISBN-13."""
        return self.digits.startswith(ISBN_PREFIXES)

    @property
    def isbn10(self) -> str | None:
        """Return the ISBN-10 of a 978 ISBN (979 ones have none), else None."""
        if not self.digits.startswith("978"):
            return None
        body = self.digits[3:12]
        return body + isbn10_check(body)

    @property
    def label(self) -> str:
        """Return what the identifier is called on a page."""
        return "ISBN" if self.is_isbn else "JAN"


def ean13_check(first12: str) -> str:
    """Return the check digit of the first 12 digits of an EAN-13 (weights 1 and 3)."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def isbn10_check(first9: str) -> str:
    """Return the check character of the first 9 digits of an ISBN-10 (0-9 or X)."""
    total = sum(int(d) * (10 - i) for i, d in enumerate(first9))
    value = (11 - total % 11) % 11
    return "X" if value == 10 else str(value)


def _plain(text: str) -> str:
    """Return text with full-width characters made half-width, separators dropped."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()


def parse(text: str) -> Code | None:
    """Return the identifier typed (None when the field is blank); BadCode when it is no
    valid ISBN-10, ISBN-13 or JAN."""
    plain = _plain(text)
    if not plain:
        return None
    if plain.startswith("ISBN"):
        plain = plain[4:].lstrip(":：")
    if re.fullmatch(r"\d{9}[\dX]", plain):
        if isbn10_check(plain[:9]) != plain[9]:
            raise BadCode("ISBNのチェックディジット(最後の1桁)が合いません。"
                          "入力をもう一度確かめてください。")
        body = "978" + plain[:9]
        return Code(body + ean13_check(body))
    if re.fullmatch(r"\d{13}", plain):
        if ean13_check(plain[:12]) != plain[12]:
            raise BadCode("ISBN・JANのチェックディジット(最後の1桁)が合いません。"
                          "入力をもう一度確かめてください。")
        return Code(plain)
    raise BadCode()


def looks_like_code(text: str) -> Code | None:
    """Return the identifier when a search box holds one, else None (never an error)."""
    try:
        return parse(text)
    except BadCode:
        return None


def hyphenless(code: str | None) -> Code | None:
    """Return a stored identifier as a Code (None stays None)."""
    return Code(code) if code else None
