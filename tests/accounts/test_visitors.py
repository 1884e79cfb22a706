"""A visitor costs no write: the top and login pages store nothing, their forms carry a signed
visitor token, and that token works only for the handset it was made for, and only a while."""
from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import event

from keitai import kv, visitor_csrf
from keitai.db import db
from tests.accounts.conftest import PASSWORD
from tests.handsets import HandsetClient, page_forms, page_text
from tests.stores import rate_counts, stored_sessions

pytestmark = pytest.mark.stores

#: cookie-less docomo (the token in the URL), docomo and au and SoftBank that keep cookies, a PC
VISITORS = ["docomo-N505i", "docomo-P903i", "docomo-N06A", "au-W53CA", "softbank-930SH",
            "pc-Firefox"]
WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|MERGE)\b", re.I)


@contextmanager
def counting_writes(app: Flask) -> Iterator[list[str]]:
    """Collect every statement that writes, on the unit's engine and the independent one."""
    with app.app_context():
        state = db.state()
        engines = [state.engine, state.independent.kw["bind"]]
    written: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if WRITES.match(statement):
            written.append(statement)

    for engine in engines:
        event.listen(engine, "before_cursor_execute", record)
    try:
        yield written
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", record)


def redis_keys(app: Flask) -> list[bytes]:
    """Return the keys the app has in Redis (none without Redis)."""
    keyvalue = kv.keyvalue(app)
    return [] if keyvalue is None else list(keyvalue.client.scan_iter(keyvalue.prefix + "*"))


def login_link(client: HandsetClient) -> str:
    """Open the top page and return its login link, as the handset got it."""
    top = page_text(client.get("/"))
    return re.search(r'href="(/login[^"]*)"', top).group(1).replace("&amp;", "&")


@pytest.mark.parametrize("name", VISITORS)
def test_visitors_opening_the_top_and_login_pages_write_nothing(app, handset,
                                                                name: str) -> None:
    with counting_writes(app) as written:
        for _visit in range(5):
            client = handset(name)
            for path in ("/", "/?guid=ON", "/login", "/login?guid=ON", "/"):
                page = client.get(path)
                assert "ksid" not in page.headers.get("Set-Cookie", "")
                assert "ksid=" not in page_text(page)
                posts = [form for form in page_forms(page) if form.method == "post"]
                assert all(form.fields.get("csrf_token") for form in posts)
    assert written == []
    assert stored_sessions(app) == []
    assert redis_keys(app) == []


@pytest.mark.parametrize("name", ["docomo-N06A", "au-W53CA", "pc-Firefox"])
def test_a_visitor_that_keeps_cookies_gets_one_pre_session_cookie(handset, name: str) -> None:
    client = handset(name)
    first = client.get("/login")
    cookie = first.headers["Set-Cookie"]
    assert cookie.startswith("kpre=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # an http:// site (KEITAI_COOKIE_SECURE follows the scheme)
    assert "Set-Cookie" not in client.get("/login").headers  # the same one, kept
    assert "Set-Cookie" not in handset("docomo-N505i").get("/login").headers


@pytest.mark.parametrize("name", [*VISITORS, "docomo-D501i", "softbank-J-SH51"])
def test_a_visitor_logs_in_from_the_top_page(app, handset, create_member, name: str) -> None:
    member = create_member(email="taro@example.com")
    client = handset(name)
    form = client.get(login_link(client))
    done = client.submit(form, {"email": "taro@example.com", "password": PASSWORD})
    assert done.status_int == 302
    home = client.get(done.headers["Location"])
    assert "たろうさんのホーム" in page_text(home)
    [session] = stored_sessions(app)
    assert session.member_id == member


def _post_login(client: HandsetClient, token: str, **kwargs: Any):  # type: ignore[no-untyped-def]
    fields = {"csrf_token": token, "email": "taro@example.com", "password": PASSWORD}
    return client.post("/login?guid=ON", fields, **kwargs)


def assert_refused(app: Flask, answer: Any) -> None:
    """Check the short error page of a refused POST, and that nothing was written."""
    assert answer.status_int == 400
    assert "有効期限が切れたか" in page_text(answer)
    assert len(answer.body) < 1500
    assert stored_sessions(app) == [] and rate_counts(app) == {}  # the login never ran


def token_of(client: HandsetClient, url: str | None = None) -> str:
    """Return the visitor token of the login form (reached from the top page, or at url)."""
    [form] = [form for form in page_forms(client.get(url or login_link(client)))
              if form.method == "post" and form.action.startswith("/login")]
    return form.fields["csrf_token"]


def test_a_forged_visitor_token_is_refused(app, handset, create_member) -> None:
    create_member(email="taro@example.com")
    phone = handset("docomo-N505i")
    token = token_of(phone)
    issued, nonce, flag, mac = token.split(".")
    forgeries = [f"{issued}.{nonce}.{flag}.{mac[:-1]}{'A' if mac[-1] != 'A' else 'B'}",
                 f"{int(issued) + 1}.{nonce}.{flag}.{mac}",
                 f"{issued}.{nonce}.{'-' if flag == 'm' else 'm'}.{mac}",
                 f"{issued}.{nonce}.{flag}", "", "é" * 40, token + "." + mac]
    for forged in forgeries:
        assert_refused(app, _post_login(phone, forged, expect_errors=True))
    assert _post_login(phone, token).status_int == 302  # the genuine one goes through


def test_an_expired_visitor_token_is_refused(app, handset, create_member) -> None:
    create_member(email="taro@example.com")
    phone = handset("docomo-N505i")
    idle = app.config["SESSION_IDLE_SECONDS"]
    with app.app_context():
        made = {age: visitor_csrf.issue("docomo:N505i", None, "", int(time.time()) - age)
                for age in (idle + 5, 100 * idle)}
        ahead = visitor_csrf.issue("docomo:N505i", None, "", int(time.time()) + 3600)
        fresh = visitor_csrf.issue("docomo:N505i", None, "", int(time.time()) - idle // 2)
    for token in (*made.values(), ahead):
        assert_refused(app, _post_login(phone, token, expect_errors=True))
    assert _post_login(phone, fresh).status_int == 302


def test_a_visitor_token_works_only_for_the_handset_it_was_made_for(
        app, handset, create_member) -> None:
    create_member(email="taro@example.com")
    foreign = [
        # another model of the same carrier, both without cookies
        (handset("docomo-N505i"), handset("docomo-D501i")),
        # the same model, another subscriber id (au sends it on every request)
        (handset("au-W53CA"), handset("au-W53CA", subscriber_id="05009999999999_zz.ezweb.ne.jp")),
        # the same model without the id the token was bound to
        (handset("softbank-930SH"), handset("softbank-930SH", send_ids=False)),
        # a PC with another pre-session cookie, and one with none
        (handset("pc-Firefox"), handset("pc-Firefox")),
    ]
    for owner, other in foreign:
        token = token_of(owner)
        if other.profile.cookies:
            token_of(other)  # the other one has a pre-session cookie of its own
        assert_refused(app, _post_login(other, token, expect_errors=True))
    pc, stranger = handset("pc-Firefox"), handset("pc-Firefox")
    assert_refused(app, _post_login(stranger, token_of(pc), expect_errors=True))
    au = handset("au-W53CA")
    assert _post_login(au, token_of(au)).status_int == 302  # its own goes through


def test_a_token_made_before_docomo_sent_its_id_is_taken_with_it(app, handset,
                                                                  create_member) -> None:
    create_member(email="taro@example.com")
    phone = handset("docomo-P903i")  # its gateway adds the i-mode ID on guid=ON only
    token = token_of(phone, "/login")  # a bookmark without guid=ON: no id sent
    assert token.split(".")[2] == "-"
    assert _post_login(phone, token).status_int == 302  # the form's guid=ON sends the id
    other = handset("docomo-P903i", subscriber_id="ZzZ9876")
    with app.app_context():  # a token bound to an id is refused with another id
        bound = visitor_csrf.issue("docomo:P903i", "not-this-handset-mark", "",
                                   int(time.time()))
    assert_login_refused_without_a_session(app, _post_login(other, bound, expect_errors=True))


def assert_login_refused_without_a_session(app: Flask, answer: Any) -> None:
    """Check a refusal after an earlier login: the short error page, no new session."""
    assert answer.status_int == 400 and "有効期限が切れたか" in page_text(answer)
    assert len(stored_sessions(app)) == 1
