"""The console's door: only from the admin network, password then second factor, a login of
its own that ends when idle or old, and rights read again on every request."""
from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask

from keitai.db import db
from keitai.models import Member
from tests.admin.conftest import (
    INSIDE,
    OUTSIDE,
    Clock,
    Operator,
    form_of,
    log_in,
    password_step,
    pc,
)
from tests.handsets import client_for

#: the console's login lives in the web session: in the database, and in Redis when set
pytestmark = pytest.mark.stores

PAGES = ["/admin", "/admin/login", "/admin/login/verify", "/admin/reports", "/admin/bans",
         "/admin/announcements", "/admin/audit", "/admin/members/1", "/admin/items/diary/1"]


@pytest.mark.parametrize("path", PAGES)
def test_every_console_page_is_not_found_outside_the_admin_network(
        app: Flask, path: str) -> None:
    response = pc(app, OUTSIDE).get(path, status=404)
    assert "管理" not in response.text


def test_a_closed_console_is_not_found_even_from_inside(app: Flask) -> None:
    app.config["ADMIN_NETWORKS"] = []
    pc(app).get("/admin/login", status=404)


def test_a_forwarded_address_counts_only_through_a_trusted_proxy(app: Flask) -> None:
    # the test app trusts 127.0.0.1: what it forwards is the client's address
    proxy = pc(app, "127.0.0.1")
    proxy.get("/admin/login", headers={"X-Forwarded-For": INSIDE}, status=200)
    proxy.get("/admin/login", headers={"X-Forwarded-For": OUTSIDE}, status=404)
    # an untrusted client cannot claim an inside address
    pc(app, OUTSIDE).get("/admin/login", headers={"X-Forwarded-For": INSIDE}, status=404)


def test_a_handset_is_not_shown_the_console_even_from_inside(app: Flask) -> None:
    client_for(app, "docomo-P903i", remote_addr=INSIDE).get("/admin/login", status=404)


def test_the_login_page_is_html5_for_the_pc(app: Flask) -> None:
    page = pc(app).get("/admin/login")
    assert page.headers["Content-Type"].lower() == "text/html; charset=utf-8"
    assert page.text.startswith("<!DOCTYPE html>")
    assert 'name="csrf_token"' in page.text


def test_an_operator_logs_in_with_password_and_totp(
        app: Flask, operator: Callable[..., Operator], clock: Clock) -> None:
    who = operator()
    front = log_in(pc(app), who, clock)
    assert "メンバーを探す" in front.text and "ログアウト" in front.text


def test_a_wrong_password_is_refused(app: Flask, operator: Callable[..., Operator]) -> None:
    who = operator()
    client = pc(app)
    refused = password_step(client, who.email, "wrong-password")
    assert refused.status_int == 200 and "違う" in refused.text
    client.get("/admin/login/verify", status=302)  # no second step without the password
    client.get("/admin", status=302)


def test_wrong_passwords_are_counted_like_logins(
        app: Flask, operator: Callable[..., Operator]) -> None:
    who = operator()
    client = pc(app)
    for _ in range(app.config["LOGIN_ACCOUNT_LIMIT"]):
        password_step(client, who.email, "wrong-password")
    locked = password_step(client, who.email, status=429)
    assert locked.status_int == 429


def test_a_member_who_is_no_operator_is_refused_like_a_wrong_password(
        app: Flask, create_member: Callable[..., int]) -> None:
    create_member(email="plain@example.com")
    refused = password_step(pc(app), "plain@example.com")
    assert refused.status_int == 200
    assert "権限がありません" in refused.text


def test_a_wrong_totp_code_is_refused(
        app: Flask, operator: Callable[..., Operator], clock: Clock) -> None:
    who = operator()
    client = pc(app)
    password_step(client, who.email)
    page = client.get("/admin/login/verify")
    wrong = "000000" if who.code(clock) != "000000" else "111111"
    refused = client.submit(page, {"code": wrong})
    assert refused.status_int == 200 and "確認コードが違う" in refused.text
    client.get("/admin", status=302)


def test_an_old_totp_code_is_refused(
        app: Flask, operator: Callable[..., Operator], clock: Clock) -> None:
    who = operator()
    old = who.code(clock)
    clock.advance(120)  # four steps later: past the drift allowed
    client = pc(app)
    password_step(client, who.email)
    refused = client.submit(client.get("/admin/login/verify"), {"code": old})
    assert "確認コードが違う" in refused.text


def test_a_totp_code_is_good_once(
        app: Flask, operator: Callable[..., Operator], clock: Clock) -> None:
    who = operator()
    log_in(pc(app), who, clock)
    again = pc(app)
    password_step(again, who.email)
    refused = again.submit(again.get("/admin/login/verify"), {"code": who.code(clock)})
    assert "確認コードが違う" in refused.text
    clock.advance(30)  # the next step's code is good
    log_in(pc(app), who, clock)


def test_wrong_codes_are_limited(
        app: Flask, operator: Callable[..., Operator], clock: Clock) -> None:
    who = operator()
    client = pc(app)
    password_step(client, who.email)
    wrong = "000000" if who.code(clock) != "000000" else "111111"
    for _ in range(app.config["LOGIN_ACCOUNT_LIMIT"]):
        client.submit(client.get("/admin/login/verify"), {"code": wrong})
    refused = client.submit(client.get("/admin/login/verify"), {"code": who.code(clock)})
    assert "間違いが続いた" in refused.text


def test_an_operator_without_totp_gets_a_code_by_mail(
        app: Flask, operator: Callable[..., Operator], mailbox) -> None:  # type: ignore[no-untyped-def]
    who = operator(totp=False, mobile_email="op-keitai@docomo.ne.jp")
    client = pc(app)
    password_step(client, who.email)
    page = client.get("/admin/login/verify")
    assert "携帯電話のアドレス" in page.text
    mails = mailbox.messages("op-keitai@docomo.ne.jp")
    assert len(mails) == 1
    code = [line for line in mails[0].get_content().splitlines() if line.strip().isdigit()][0]
    done = client.submit(page, {"code": code.strip()})
    assert done.status_int == 302 and done.location.endswith("/admin")
    client.get("/admin", status=200)
    # good once
    again = pc(app)
    password_step(again, who.email)
    refused = again.submit(again.get("/admin/login/verify"), {"code": code.strip()})
    assert "確認コードが違う" in refused.text


def test_a_mailed_code_expires(
        app: Flask, operator: Callable[..., Operator], mailbox, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from keitai.features.admin import factors

    who = operator(totp=False)
    client = pc(app)
    password_step(client, who.email)
    code = [line for line in mailbox.messages(who.email)[0].get_content().splitlines()
            if line.strip().isdigit()][0].strip()
    later = factors.utcnow() + timedelta(minutes=factors.CODE_MINUTES + 1)
    monkeypatch.setattr(factors, "utcnow", lambda: later)
    refused = client.submit(client.get("/admin/login/verify"), {"code": code})
    assert "確認コードが違う" in refused.text


def test_the_console_login_ends_when_idle(
        app: Flask, operator: Callable[..., Operator], clock: Clock) -> None:
    who = operator()
    client = pc(app)
    log_in(client, who, clock)
    clock.advance(app.config["ADMIN_IDLE_SECONDS"] - 5)
    client.get("/admin", status=200)  # in use: not idle
    clock.advance(app.config["ADMIN_IDLE_SECONDS"] - 5)
    client.get("/admin", status=200)
    clock.advance(app.config["ADMIN_IDLE_SECONDS"] + 1)
    assert client.get("/admin", status=302).location.endswith("/admin/login")


def test_the_console_login_ends_at_its_longest_however_busy(
        app: Flask, operator: Callable[..., Operator], clock: Clock) -> None:
    app.config["ADMIN_MAX_SECONDS"] = 3000
    app.config["SESSION_IDLE_SECONDS"] = 10**6  # the member session's clock is not the test's
    who = operator()
    client = pc(app)
    log_in(client, who, clock)
    for _ in range(5):
        clock.advance(590)
        client.get("/admin", status=200)
    clock.advance(100)
    assert client.get("/admin", status=302).location.endswith("/admin/login")


def test_logging_out_of_the_console_ends_it(
        app: Flask, operator: Callable[..., Operator], clock: Clock) -> None:
    who = operator()
    client = pc(app)
    front = log_in(client, who, clock)
    client.submit(front, {}, index=form_of(front, "/admin/logout"))
    client.get("/admin", status=302)


def test_a_revoked_operator_is_out_at_once(
        app: Flask, operator: Callable[..., Operator], clock: Clock) -> None:
    who = operator()
    client = pc(app)
    log_in(client, who, clock)
    with app.app_context():
        member = db.session.get(Member, who.id)
        assert member is not None
        member.is_admin = False
        db.session.commit()
        db.session.remove()
    client.get("/admin", status=302)


def test_a_post_without_the_csrf_token_is_refused(
        app: Flask, operator: Callable[..., Operator], clock: Clock) -> None:
    who = operator()
    client = pc(app)
    log_in(client, who, clock)
    client.post("/admin/announcements", {"title": "t", "body": "b"}, status=400)
    client.post("/admin/logout", {}, status=400)
    client.get("/admin", status=200)  # still logged in


def test_a_post_from_outside_is_answered_as_for_a_page_that_does_not_exist(
        app: Flask, operator: Callable[..., Operator]) -> None:
    who = operator()
    outside = pc(app, OUTSIDE)
    top = outside.get("/login")  # any form of the site gives a valid token
    token = re.search(r'name="csrf_token" value="([^"]+)"', top.text).group(1)  # type: ignore[union-attr]
    fields = {"csrf_token": token, "email": who.email, "password": "x"}
    outside.post("/admin/login", fields, status=404)
    outside.post("/no-such-page", fields, status=404)
    # without a token both are refused alike, before anything looks at the address
    assert (outside.post("/admin/login", {}, status=400).text
            == outside.post("/no-such-page", {}, status=400).text)
