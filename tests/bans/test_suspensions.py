"""Suspensions: the member's sessions end, their logins are refused with the operator's reason
and the end of the suspension, in their handset's charset; it runs out by itself."""
from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from keitai import hot
from keitai.db import db
from keitai.domain import DomainError
from keitai.models import Member
from keitai.models.base import utcnow
from keitai.moderation import bans
from simulator.checker.run import check_response
from simulator.profiles import builtin_profiles
from simulator.transport import WsgiTransport
from tests.accounts.conftest import log_in
from tests.accounts.test_easy_login import register
from tests.bans.conftest import REASON, end_suspension, operator, page_of
from tests.handsets import PAGE_PROFILES
from tests.social.conftest import access_key

SIMULATED = {profile.name: profile for profile in builtin_profiles()}
ADDRESSES = {"docomo": "taro@docomo.ne.jp", "au": "taro@ezweb.ne.jp",
             "softbank": "taro@softbank.ne.jp"}
UNTIL = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日 (\d\d:\d\d)まで")


def href(client, page, label: str) -> str:  # type: ignore[no-untyped-def]
    """Return the address of the first link on the page whose text has label."""
    for target, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', client.text(page), re.S):
        if label in text:
            return html.unescape(target)
    raise AssertionError(label)


def until_in_japan(app, member: int) -> str:  # type: ignore[no-untyped-def]
    """Return the end of the member's suspension as the page must give it (Japan time)."""
    with app.app_context():
        found = db.session.get(Member, member)
        assert found is not None and found.suspended_until is not None
        return bans.until_text(found.suspended_until)


def assert_tells_why_and_until(app, member: int, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "ご利用を停止しています" in text
    assert f"理由: {REASON}" in text
    until = until_in_japan(app, member)
    assert until in text and UNTIL.fullmatch(until)


@pytest.mark.stores
@pytest.mark.parametrize("name", ["docomo-P903i", "au-W53CA", "softbank-930SH"])
def test_a_suspended_member_is_logged_out_and_told_why_and_until_when(
        app, handset, create_member, name: str) -> None:
    phone = handset(name)
    address = ADDRESSES[phone.profile.carrier]
    taro = create_member(email=address)
    done = register(phone, address)  # logged in with the password, easy login registered
    assert "この端末を登録しました" in phone.text(done)
    top, settings = href(phone, done, "トップ"), href(phone, done, "設定")
    assert "たろうさん" in phone.text(phone.get(top))  # the links carry the session
    elsewhere = handset("pc-Firefox")
    log_in(elsewhere, address)
    assert "たろうさん" in elsewhere.text(elsewhere.get("/"))

    operator(app, bans.suspend, taro, 3, REASON)
    for client, home, menu in ((phone, top, settings), (elsewhere, "/", "/settings")):
        assert "たろうさん" not in client.text(client.get(home))  # every session ended
        assert client.get(menu).status_int == 302

    # the password is right: the page says why and until when, in the handset's charset
    answer = log_in(phone, address)
    assert answer.status_int == 200
    text = page_of(phone, answer)
    assert_tells_why_and_until(app, taro, text)
    assert access_key(text, "0", "トップ")
    assert "たろうさん" not in phone.text(phone.get("/"))
    # a wrong password learns nothing of the suspension
    wrong = phone.text(log_in(handset(name), address, "nope-nope"))
    assert "メールアドレスかパスワードが違います" in wrong and REASON not in wrong
    # easy login says the same
    tapped = phone.submit(phone.get("/"))
    assert_tells_why_and_until(app, taro, page_of(phone, tapped))
    assert "たろうさん" not in phone.text(phone.get("/"))

    end_suspension(app, taro)
    assert "たろうさん" in phone.text(phone.submit(phone.get("/")).follow())
    assert log_in(handset(name), address).status_int == 302


@pytest.mark.stores
def test_a_session_that_outlived_the_suspension_serves_no_page(
        app, handset, create_member) -> None:
    taro = create_member(email="taro@ezweb.ne.jp")
    phone = handset("au-W53CA")
    log_in(phone, "taro@ezweb.ne.jp")
    assert "たろうさん" in phone.text(phone.get("/"))  # home's card is now kept hot
    with app.app_context():  # suspended, but this session was somehow not ended
        member = db.session.get(Member, taro)
        assert member is not None
        member.suspended_until = utcnow() + timedelta(days=3)
        member.suspension_reason = REASON
        hot.card_changed(taro)
        db.session.commit()
    assert "たろうさん" not in phone.text(phone.get("/"))
    assert phone.get("/settings").status_int == 302
    assert phone.get("/diary/new", expect_errors=True).status_int in (302, 404)
    end_suspension(app, taro)
    with app.app_context():
        hot.card_changed(taro)
        db.session.commit()
    assert "たろうさん" in phone.text(phone.get("/"))


def test_unsuspend_ends_a_suspension_at_once(app, handset, create_member) -> None:
    taro = create_member(email="taro@example.com")
    operator(app, bans.suspend, taro, 30, REASON)
    assert "ご利用を停止しています" in log_in(handset("pc-Firefox"), "taro@example.com").text
    operator(app, bans.unsuspend, taro)
    assert log_in(handset("pc-Firefox"), "taro@example.com").status_int == 302
    with app.app_context():
        found = db.session.scalars(select(Member).where(Member.id == taro)).one()
        assert found.suspended_until is None and found.suspension_reason is None


def test_a_suspension_needs_a_reason_and_a_day_at_least(app, create_member) -> None:
    taro = create_member(email="taro@example.com")
    for days, reason in ((0, REASON), (3, "  "), (3, "あ" * 201)):
        with app.app_context(), pytest.raises(DomainError):
            bans.suspend(taro, days, reason)


@pytest.mark.parametrize("name", PAGE_PROFILES + ["docomo-D501i"])
def test_the_suspended_page_fits_every_handset_and_passes_the_checker(
        app, handset, create_member, name: str) -> None:
    taro = create_member(email="taro@example.com")
    operator(app, bans.suspend, taro, 3, "あ" * bans.REASON_MAX)
    client = handset(name)
    response = log_in(client, "taro@example.com")
    text = page_of(client, response)
    assert "あ" * bans.REASON_MAX in text and access_key(text, "0", "トップ")
    findings = check_response(SIMULATED[name], "http://keitai.test/login", response.status_int,
                              response.headerlist, response.body,
                              transport=WsgiTransport(app))
    assert [f"{f.rule}: {f.message}" for f in findings if f.severity == "error"] == []
