"""Member search filters: a member is found by a field only where they show it the viewer."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from keitai.db import db
from keitai.features.profile.choices import age_on
from keitai.features.profile.filters import (
    MemberFilters,
    birth_bounds,
    member_conditions,
    parse_filters,
)
from keitai.models import Member, ProfileField
from keitai.privacy import Visibility
from tests.social.conftest import block, four_people

TODAY = date(2026, 4, 1)
BORN = date(1992, 4, 1)  # 34 on TODAY
#: each filter, the field it reads, the value stored, and the filter that finds it
FILTERS = {
    "prefecture": ("prefecture", "13", {"prefecture": "13"}),
    "gender": ("gender", "female", {"gender": "female"}),
    "age": ("age", "", {"age_min": 30, "age_max": 40}),
}
#: who sees a field at each visibility
SEES = {
    Visibility.EVERYONE: {"owner", "friend", "friend_of_friend", "stranger"},
    Visibility.FRIENDS_OF_FRIENDS: {"owner", "friend", "friend_of_friend"},
    Visibility.FRIENDS: {"owner", "friend"},
    Visibility.ONLY_ME: {"owner"},
}


@pytest.fixture()
def people(app, member):
    """The owner (born BORN), a friend, a friend's friend and a stranger."""
    found = four_people(app, member)
    with app.app_context():
        db.session.execute(update(Member).values(birth_date=BORN))
        db.session.commit()
    return found


def set_fields(app, member_id: int, **fields: tuple[str, Visibility]) -> None:
    with app.app_context():
        for name, (value, level) in fields.items():
            db.session.merge(ProfileField(member_id=member_id, name=name, value=value,
                                          visibility=level.value))
        db.session.commit()


def found(app, viewer: int, among: list[int], today: date = TODAY, **filters) -> set[int]:
    """Return the members among those given whom a search by the viewer finds."""
    with app.app_context():
        return set(db.session.scalars(select(Member.id).where(
            Member.id.in_(among),
            *member_conditions(viewer, Member.id, today=today, **filters))))


@pytest.mark.parametrize("level", list(Visibility))
@pytest.mark.parametrize("kind", list(FILTERS))
def test_a_filter_finds_the_member_only_by_a_field_shown_to_the_viewer(app, people, kind,
                                                                       level) -> None:
    name, value, query = FILTERS[kind]
    owner = people["owner"]
    set_fields(app, owner, **{name: (value, level)})
    finders = {relation for relation, viewer in people.items()
               if found(app, viewer, [owner], **query) == {owner}}
    assert finders == SEES[level]


@pytest.mark.parametrize("kind", list(FILTERS))
def test_a_block_either_way_hides_the_member_from_a_filter(app, people, kind) -> None:
    name, value, query = FILTERS[kind]
    owner, stranger = people["owner"], people["stranger"]
    set_fields(app, owner, **{name: (value, Visibility.EVERYONE)})
    block(app, stranger, owner)
    assert found(app, stranger, [owner], **query) == set()
    assert found(app, owner, [owner], **query) == {owner}


def test_another_value_is_not_found(app, people) -> None:
    owner, viewer = people["owner"], people["stranger"]
    set_fields(app, owner, prefecture=("13", Visibility.EVERYONE),
               gender=("female", Visibility.EVERYONE), age=("", Visibility.EVERYONE))
    assert found(app, viewer, [owner], prefecture="27") == set()
    assert found(app, viewer, [owner], gender="male") == set()
    assert found(app, viewer, [owner], age_min=35) == set()
    assert found(app, viewer, [owner], prefecture="13", gender="female", age_min=34,
                 age_max=34) == {owner}
    assert found(app, viewer, [owner], prefecture="13", gender="male") == set()


def test_no_filter_adds_no_condition(app, people) -> None:
    with app.app_context():
        assert member_conditions(people["owner"], Member.id, today=TODAY) == []
    assert found(app, people["stranger"], list(people.values())) == set(people.values())


@pytest.mark.parametrize(("today", "age_min", "age_max", "expected"), [
    (TODAY, 34, 34, True), (TODAY, 34, None, True), (TODAY, None, 34, True),
    (TODAY, 35, None, False), (TODAY, None, 33, False),
    (TODAY - timedelta(days=1), 34, None, False), (TODAY - timedelta(days=1), None, 33, True),
    (date(2027, 3, 31), None, 34, True), (date(2027, 4, 1), None, 34, False),
])
def test_the_age_bounds_hold_on_the_birthday_itself(app, people, today, age_min, age_max,
                                                     expected) -> None:
    owner = people["owner"]
    set_fields(app, owner, age=("", Visibility.EVERYONE))
    assert (found(app, people["stranger"], [owner], today, age_min=age_min,
                  age_max=age_max) == {owner}) is expected


def test_an_age_not_shown_is_not_found_by_an_age_filter(app, people) -> None:
    owner = people["owner"]
    # the birthday (month and day) tells no age; no 年齢 row means 非公開
    set_fields(app, owner, birthday=("", Visibility.EVERYONE))
    assert found(app, people["friend"], [owner], age_min=18) == set()
    assert found(app, owner, [owner], age_min=18) == set()
    with app.app_context():
        db.session.execute(update(Member).where(Member.id == owner).values(birth_date=None))
        db.session.commit()
    set_fields(app, owner, age=("", Visibility.EVERYONE))
    assert found(app, people["friend"], [owner], age_max=120) == set()


@pytest.mark.parametrize("today", [date(2026, 4, 1), date(2024, 2, 29), date(2025, 2, 28),
                                   date(2025, 3, 1), date(2026, 12, 31)])
def test_the_birth_bounds_agree_with_the_age_of_every_birth_date(today) -> None:
    for age_min, age_max in ((18, 18), (20, 29), (34, 120), (18, None), (None, 40)):
        earliest, latest = birth_bounds(today, age_min, age_max)
        born = date(today.year - 45, 1, 1)
        while born <= date(today.year - 16, 12, 31):
            inside = ((earliest is None or earliest <= born)
                      and (latest is None or born <= latest))
            age = age_on(born, today)
            assert inside is ((age_min is None or age >= age_min)
                              and (age_max is None or age <= age_max)), (born, age)
            born += timedelta(days=1)


def test_parse_filters_reads_a_query_and_says_what_is_wrong() -> None:
    filters, errors = parse_filters({"prefecture": "13", "gender": "female",
                                     "age_min": "２０", "age_max": "29"})
    assert filters == MemberFilters("13", "female", 20, 29) and filters.any and errors == []
    empty, none = parse_filters({"prefecture": "", "age_min": " "})
    assert empty == MemberFilters() and not empty.any and none == []
    wrong, errors = parse_filters({"prefecture": "東京", "gender": "x", "age_min": "17",
                                   "age_max": "abc"})
    assert wrong == MemberFilters() and errors == [
        "都道府県を一覧から選んでください。", "性別を一覧から選んでください。",
        "年齢は18から120までの数字で入力してください。"]
    crossed, errors = parse_filters({"age_min": "40", "age_max": "30"})
    assert crossed == MemberFilters() and len(errors) == 1 and "範囲" in errors[0]
    assert parse_filters({"age_max": "121"})[1] != []
