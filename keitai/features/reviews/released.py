"""An item's release date, as precise as the member knew it: a year, a month or a day."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from keitai.domain import DomainError
from keitai.numbers import parse_number

YEAR, MONTH, DAY = "year", "month", "day"
#: the earliest year a release may have (records, books) and how far ahead it may be
FIRST_YEAR, YEARS_AHEAD = 1800, 2


class BadRelease(DomainError):
    """The release date fields are no date."""

    default_message = "発売日は、年だけ・年と月・年月日のどれかで正しく入力してください。"


@dataclass(frozen=True, slots=True)
class Released:
    """A release date and its precision."""

    on: date
    precision: str

    def text(self) -> str:
        """Return it as a page shows it: 2007年, 2007年3月 or 2007年3月21日."""
        shown = f"{self.on.year}年"
        if self.precision in (MONTH, DAY):
            shown += f"{self.on.month}月"
        if self.precision == DAY:
            shown += f"{self.on.day}日"
        return shown


def parse_released(year: str, month: str, day: str, today: date) -> Released | None:
    """Return the release date the three fields give (None when all are blank); BadRelease
    when they are no date, a day without a month, or too far from today."""
    fields = [text.strip() for text in (year, month, day)]
    if not any(fields):
        return None
    numbers = [parse_number(text) if text else None for text in fields]
    y, m, d = numbers
    if y is None or (d is not None and m is None) or any(
            text and number is None for text, number in zip(fields, numbers, strict=True)):
        raise BadRelease()
    if not FIRST_YEAR <= y <= today.year + YEARS_AHEAD:
        raise BadRelease(f"発売年は{FIRST_YEAR}年から{today.year + YEARS_AHEAD}年までで"
                         "入力してください。")
    try:
        on = date(y, m or 1, d or 1)
    except ValueError:
        raise BadRelease() from None
    return Released(on, DAY if d is not None else MONTH if m is not None else YEAR)


def released_text(on: date | None, precision: str | None) -> str:
    """Return a stored release date as a page shows it, "" when there is none."""
    if on is None:
        return ""
    return Released(on, precision or DAY).text()
