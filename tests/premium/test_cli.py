"""The operator's commands: `keitai premium grant EMAIL --months N` and `keitai premium revoke
EMAIL`, on the real database, as an operator runs them."""
from __future__ import annotations

import re
from datetime import timedelta

from click.testing import CliRunner, Result

from keitai import premium
from keitai.cli import main
from keitai.db import db
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.timefmt import jst_time
from tests.premium.conftest import set_period

PERIOD = re.compile(r"premium from (\S+ \S+) until (\S+ \S+) \(JST\)")


def run(app, *args: str) -> Result:
    env = {"KEITAI_DATABASE_URL": app.config["DATABASE_URL"]}
    return CliRunner().invoke(main, ["premium", *args], env=env)


def period_of(app, member_id: int):  # type: ignore[no-untyped-def]
    with app.app_context():
        found = db.session.get_one(Member, member_id)
        return found.premium_since, found.premium_until


def email_of(app, member_id: int) -> str:
    with app.app_context():
        return db.session.get_one(Member, member_id).email


def test_grant_makes_a_member_premium_and_prints_the_period_in_japan_time(app, member) -> None:
    taro = member("たろう")
    before = utcnow()
    result = run(app, "grant", email_of(app, taro).upper(), "--months", "3")
    assert result.exit_code == 0, result.output
    since, until = period_of(app, taro)
    assert since is not None and until is not None
    assert before <= since <= utcnow() and until == premium.add_months(since, 3)
    match = PERIOD.search(result.output)
    assert match is not None
    assert match.groups() == (jst_time(since, True), jst_time(until, True))
    with app.app_context():
        assert premium.is_premium(taro)


def test_a_second_grant_adds_the_months_to_the_end_of_the_running_period(app, member) -> None:
    taro = member("たろう")
    assert run(app, "grant", email_of(app, taro), "--months", "1").exit_code == 0
    since, until = period_of(app, taro)
    result = run(app, "grant", email_of(app, taro), "--months", "2")
    assert result.exit_code == 0, result.output
    assert period_of(app, taro) == (since, premium.add_months(until, 2))
    assert f"until {jst_time(premium.add_months(until, 2), True)}" in result.output


def test_a_grant_after_a_lapse_starts_from_now(app, member) -> None:
    taro = member("たろう")
    long_ago = utcnow() - timedelta(days=100)
    set_period(app, taro, long_ago, long_ago + timedelta(days=30))
    assert run(app, "grant", email_of(app, taro), "--months", "1").exit_code == 0
    since, until = period_of(app, taro)
    assert since is not None and since > long_ago + timedelta(days=99)
    assert until == premium.add_months(since, 1)


def test_revoke_ends_the_period_now(app, member) -> None:
    taro = member("たろう")
    run(app, "grant", email_of(app, taro), "--months", "12")
    result = run(app, "revoke", email_of(app, taro))
    assert result.exit_code == 0, result.output
    since, until = period_of(app, taro)
    assert until is not None and until <= utcnow() and "premium ended" in result.output
    with app.app_context():
        assert not premium.is_premium(taro)
    again = run(app, "revoke", email_of(app, taro))
    assert again.exit_code == 0 and "not premium, nothing changed" in again.output
    assert period_of(app, taro) == (since, until)


def test_an_unknown_address_is_a_clear_error_and_changes_nothing(app, member) -> None:
    taro = member("たろう")
    for args in (("grant", "nobody@example.com", "--months", "1"),
                 ("revoke", "nobody@example.com")):
        result = run(app, *args)
        assert result.exit_code == 1
        assert "no member has the address nobody@example.com" in result.output
    assert period_of(app, taro) == (None, None)


def test_months_must_be_given_and_between_1_and_120(app, member) -> None:
    taro = member("たろう")
    for months in ("0", "121", "x"):
        result = run(app, "grant", email_of(app, taro), "--months", months)
        assert result.exit_code == 2, result.output
    assert run(app, "grant", email_of(app, taro)).exit_code == 2
    assert period_of(app, taro) == (None, None)
