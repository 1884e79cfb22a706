"""Member search filters on the chosen profile fields: prefecture, gender, age range.

A filter matches a member only through a field the member shows the viewer: a member who
lives in 東京都 but shows it to friends only is not found by a stranger asking for 東京都,
or the filter would tell the stranger what the profile hides. The age range reads
Member.birth_date only where the member shows their 年齢 ('age') to the viewer; 誕生日
(month and day) tells no age, so it does not count.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, exists
from sqlalchemy.orm import aliased

from keitai.features.profile.choices import (
    AGE_MAX,
    AGE_MIN,
    gender_label,
    prefecture_label,
)
from keitai.models.member import Member
from keitai.models.profile import ProfileField
from keitai.numbers import parse_number
from keitai.privacy import can_see

#: one alias per filter, made once (as keitai.privacy does): each EXISTS reads its own
_PREFECTURE = aliased(ProfileField, name="filter_prefecture")
_GENDER = aliased(ProfileField, name="filter_gender")
_AGE = aliased(ProfileField, name="filter_age")
_BORN = aliased(Member, name="filter_born")


@dataclass(frozen=True)
class MemberFilters:
    """What a member search asks for; None is "any"."""

    prefecture: str | None = None
    gender: str | None = None
    age_min: int | None = None
    age_max: int | None = None

    @property
    def any(self) -> bool:
        """Return True when at least one filter is given."""
        return any(value is not None for value in
                   (self.prefecture, self.gender, self.age_min, self.age_max))

    def conditions(self, viewer_id: int, member_id_col: Any, today: date
                   ) -> list[ColumnElement[bool]]:
        """Return the SQL conditions of these filters (see member_conditions)."""
        return member_conditions(viewer_id, member_id_col, prefecture=self.prefecture,
                                 gender=self.gender, age_min=self.age_min,
                                 age_max=self.age_max, today=today)


def parse_filters(args: Mapping[str, str]) -> tuple[MemberFilters, list[str]]:
    """Read prefecture, gender, age_min and age_max from a query; return the filters and
    what was wrong, in Japanese (a wrong value is left out of the filters)."""
    errors: list[str] = []
    prefecture = (args.get("prefecture") or "").strip() or None
    if prefecture is not None and prefecture_label(prefecture) is None:
        errors.append("都道府県を一覧から選んでください。")
        prefecture = None
    gender = (args.get("gender") or "").strip() or None
    if gender is not None and gender_label(gender) is None:
        errors.append("性別を一覧から選んでください。")
        gender = None
    ages: list[int | None] = []
    for key in ("age_min", "age_max"):
        typed = (args.get(key) or "").strip()
        age = parse_number(typed, AGE_MAX) if typed else None
        if typed and (age is None or age < AGE_MIN):
            message = f"年齢は{AGE_MIN}から{AGE_MAX}までの数字で入力してください。"
            if message not in errors:
                errors.append(message)
            age = None
        ages.append(age)
    age_min, age_max = ages
    if age_min is not None and age_max is not None and age_min > age_max:
        errors.append("年齢の範囲が正しくありません(下限が上限より大きくなっています)。")
        age_min = age_max = None
    return MemberFilters(prefecture, gender, age_min, age_max), errors


def _years_before(today: date, years: int) -> date:
    """Return the same day years earlier (29 February becomes the 28th in a common year)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def birth_bounds(today: date, age_min: int | None, age_max: int | None
                 ) -> tuple[date | None, date | None]:
    """Return the earliest and latest birth dates of someone aged age_min to age_max today
    (bounds inclusive; None where the range is open)."""
    latest = _years_before(today, age_min) if age_min is not None else None
    earliest = (_years_before(today, age_max + 1) + timedelta(days=1)
                if age_max is not None else None)
    return earliest, latest


def member_conditions(viewer_id: int, member_id_col: Any, *, prefecture: str | None = None,
                      gender: str | None = None, age_min: int | None = None,
                      age_max: int | None = None, today: date) -> list[ColumnElement[bool]]:
    """Return SQL conditions on a members.id column for a search by the viewer: each filter
    given matches only where the member shows the viewer that field; filters not given
    add nothing. Codes are not checked here (parse_filters does)."""
    found: list[ColumnElement[bool]] = []
    for alias, name, code in ((_PREFECTURE, "prefecture", prefecture),
                              (_GENDER, "gender", gender)):
        if code is not None:
            found.append(exists().where(
                alias.member_id == member_id_col, alias.name == name, alias.value == code,
                can_see(alias.member_id, alias.visibility, viewer_id)).correlate_except(alias))
    if age_min is not None or age_max is not None:
        earliest, latest = birth_bounds(today, age_min, age_max)
        born = [_BORN.id == _AGE.member_id, _BORN.birth_date.is_not(None)]
        if earliest is not None:
            born.append(_BORN.birth_date >= earliest)
        if latest is not None:
            born.append(_BORN.birth_date <= latest)
        found.append(exists().where(
            _AGE.member_id == member_id_col, _AGE.name == "age",
            can_see(_AGE.member_id, _AGE.visibility, viewer_id), *born
        ).correlate_except(_AGE, _BORN))
    return found
