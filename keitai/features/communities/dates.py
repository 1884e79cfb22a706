"""Dates typed on a keypad and shown with their weekday: events' start and deadline, polls'
closing time.

Five short number fields (年 月 日 時 分), each opening in numeric mode, read as Japan time
and stored in UTC; a refused form shows what was typed again.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from keitai.domain import DomainError
from keitai.numbers import parse_number
from keitai.timefmt import JST

_WEEKDAYS = "月火水木金土日"
#: the five fields of a date, the form's name of each, and what a member may type in it
_PARTS = (("year", "年", 2000, 2100), ("month", "月", 1, 12), ("day", "日", 1, 31),
          ("hour", "時", 0, 23), ("minute", "分", 0, 59))


def event_time(value: datetime | None) -> str:
    """Return a UTC time as Japan time with its weekday: '2026/12/24(木) 19:00'."""
    if value is None:
        return ""
    local = value.astimezone(JST)
    return local.strftime(f"%Y/%m/%d({_WEEKDAYS[local.weekday()]}) %H:%M")


@dataclass
class DateFields:
    """A date and time typed in five number fields (年 月 日 時 分), Japan time; the
    fields keep what was typed, so a refused form shows it again."""

    #: the fields' names start with it: starts_year, starts_month, ...
    prefix: str
    year: str = ""
    month: str = ""
    day: str = ""
    hour: str = ""
    minute: str = ""

    @classmethod
    def from_form(cls, prefix: str, form: Mapping[str, str]) -> DateFields:
        """Read the five fields of a POST."""
        return cls(prefix, *(form.get(f"{prefix}_{name}", "").strip()
                             for name, _unit, _low, _high in _PARTS))

    @classmethod
    def of(cls, prefix: str, value: datetime | None) -> DateFields:
        """Fill the fields with a time (only this year's number when value is None)."""
        if value is None:
            return cls(prefix, str(datetime.now(JST).year))
        local = value.astimezone(JST)
        return cls(prefix, str(local.year), str(local.month), str(local.day),
                   str(local.hour), f"{local.minute:02d}")

    def names(self) -> dict[str, str]:
        """Return each field's name in the form, by part (year, month, ...)."""
        return {name: f"{self.prefix}_{name}" for name, _unit, _low, _high in _PARTS}

    def blank(self) -> bool:
        """Return True when nothing but the year is filled in (no date given)."""
        return not (self.month or self.day or self.hour or self.minute)

    def parse(self, label: str, end_of_day: bool = False) -> datetime:
        """Return the time typed, in UTC; DomainError naming the field typed wrong.

        A blank year is this year; a blank minute is 0; a blank hour is refused, or
        means 23:59 of the day when end_of_day (a deadline given as a day).
        """
        typed = {"year": self.year or str(datetime.now(JST).year), "month": self.month,
                 "day": self.day, "hour": self.hour, "minute": self.minute}
        if end_of_day and not self.hour and not self.minute:
            typed.update(hour="23", minute="59")
        typed["minute"] = typed["minute"] or "0"
        numbers: dict[str, int] = {}
        for name, unit, low, high in _PARTS:
            number = parse_number(typed[name])
            if number is None or not low <= number <= high:
                if name == "year":
                    raise DomainError(f"{label}の年を西暦4桁の数字で入力してください。")
                raise DomainError(f"{label}の{unit}を{low}から{high}までの数字で入力してください。")
            numbers[name] = number
        try:
            local = datetime(numbers["year"], numbers["month"], numbers["day"],
                             numbers["hour"], numbers["minute"], tzinfo=JST)
        except ValueError:
            raise DomainError(
                f"{label}の日付が正しくありません({numbers['year']}年{numbers['month']}月"
                f"{numbers['day']}日はありません)。") from None
        return local.astimezone(UTC)
