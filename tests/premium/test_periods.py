"""Premium periods: a grant adds calendar months (to a running period's end, else from now),
a revoke ends the period now, and whatever premium unlocks asks keitai.premium."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from keitai import premium
from keitai.db import db
from keitai.domain import DomainError
from keitai.models.member import Member
from keitai.timefmt import JST

NOW = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)


def jst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=JST).astimezone(UTC)  # type: ignore[misc]


@pytest.mark.parametrize(("start", "months", "end"), [
    (jst(2027, 1, 15, 10, 30), 1, jst(2027, 2, 15, 10, 30)),
    (jst(2027, 1, 31, 23, 0), 1, jst(2027, 2, 28, 23, 0)),   # the month's last day
    (jst(2028, 1, 31, 0, 0), 1, jst(2028, 2, 29, 0, 0)),     # a leap year's
    (jst(2026, 12, 31, 8, 0), 2, jst(2027, 2, 28, 8, 0)),    # over the new year
    (jst(2026, 11, 1, 0, 0), 12, jst(2027, 11, 1, 0, 0)),
    (jst(2026, 5, 31, 12, 0), 25, jst(2028, 6, 30, 12, 0)),
])
def test_months_are_calendar_months_in_japan_time(start, months, end) -> None:
    assert premium.add_months(start, months) == end


def test_a_grant_starts_now_and_a_second_one_extends_the_running_period(app, member) -> None:
    taro = member("たろう")
    with app.app_context():
        found = db.session.get_one(Member, taro)
        assert not premium.is_active(found, NOW)
        since, until = premium.grant(found, 1, NOW)
        assert (since, until) == (NOW, premium.add_months(NOW, 1))
        db.session.commit()
        assert premium.is_premium(taro, NOW) and premium.is_active(found, NOW)
        later = NOW + timedelta(days=10)  # still inside the first month
        since, until = premium.grant(found, 2, later)
        assert since == NOW and until == premium.add_months(NOW, 3)
        db.session.commit()
        assert premium.is_premium(taro, until - timedelta(seconds=1))
        assert not premium.is_premium(taro, until)


def test_a_grant_after_the_period_ended_starts_a_new_one_from_now(app, member) -> None:
    taro = member("たろう")
    with app.app_context():
        found = db.session.get_one(Member, taro)
        premium.grant(found, 1, NOW)
        afterwards = premium.add_months(NOW, 1) + timedelta(days=3)
        assert not premium.is_active(found, afterwards)
        since, until = premium.grant(found, 1, afterwards)
        assert (since, until) == (afterwards, premium.add_months(afterwards, 1))


def test_a_revoke_ends_the_period_now_and_says_when_nothing_ran(app, member) -> None:
    taro, hanako = member("たろう"), member("はなこ")
    with app.app_context():
        found = db.session.get_one(Member, taro)
        premium.grant(found, 6, NOW)
        later = NOW + timedelta(days=1)
        assert premium.revoke(found, later)
        db.session.commit()
        assert found.premium_since == NOW and found.premium_until == later
        assert not premium.is_premium(taro, later) and premium.is_premium(taro, NOW)
        assert not premium.revoke(found, later + timedelta(days=1))
        assert not premium.revoke(db.session.get_one(Member, hanako), later)
        assert db.session.get_one(Member, hanako).premium_until is None


@pytest.mark.parametrize("months", [0, -1, premium.MONTHS_MAX + 1])
def test_a_grant_of_no_months_or_too_many_is_refused(app, member, months) -> None:
    taro = member("たろう")
    with app.app_context():
        found = db.session.get_one(Member, taro)
        with pytest.raises(DomainError):
            premium.grant(found, months, NOW)
        assert found.premium_until is None


def test_the_lists_condition_and_the_kept_period_agree_with_is_active(app, member) -> None:
    ids = [member(name) for name in ("ずっと", "おわり", "むかし", "なし")]
    with app.app_context():
        rows = [db.session.get_one(Member, member_id) for member_id in ids]
        premium.grant(rows[0], 3, NOW - timedelta(days=1))
        premium.grant(rows[1], 1, NOW - timedelta(days=40))
        premium.grant(rows[2], 1, NOW - timedelta(days=400))
        db.session.commit()
        active = set(db.session.scalars(
            select(Member.id).where(premium.active_condition(NOW))))
        assert active == {ids[0]}
        for row in rows:
            kept = premium.period_to_json(row.premium_since, row.premium_until)
            assert premium.active_in_json(kept, NOW) == premium.is_active(row, NOW)
    assert not premium.active_in_json([], NOW)  # a card kept before premium had a period
