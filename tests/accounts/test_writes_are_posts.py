"""Every write is a POST with a CSRF token; opening a page never changes anything."""
from __future__ import annotations

from sqlalchemy import select

from keitai.db import db
from keitai.models import Base
from tests.accounts.conftest import PASSWORD, log_in, mail_link
from tests.accounts.test_signup_as_a_handset import PROFILE, invite

FEATURES = ("login", "signup", "easy_login", "settings", "password_reset")


def snapshot(app) -> str:  # type: ignore[no-untyped-def]
    """Return every row of every table but the sessions, as text."""
    with app.app_context():
        return repr([db.session.execute(select(table)).all()
                     for table in Base.metadata.sorted_tables if table.name != "web_sessions"])


def post_routes(app) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(rule.rule.replace("<int:registration_id>", "1")
                  for rule in app.url_map.iter_rules()
                  if rule.endpoint.split(".")[0] in FEATURES and "POST" in rule.methods)


def test_every_post_without_its_csrf_token_is_refused_and_changes_nothing(
        app, handset, create_member) -> None:
    create_member(email="taro@example.com")
    pc = handset("pc-Firefox")
    log_in(pc, "taro@example.com")
    routes = post_routes(app)
    assert {"/login", "/logout", "/signup", "/signup/verify", "/invite", "/easy_login",
            "/settings/easy_login", "/settings/withdraw", "/password/reset"} <= set(routes)
    before = snapshot(app)
    for path in routes:
        answer = pc.post(path, {"password": PASSWORD, "confirm": "1", "email": "x@example.com"},
                         expect_errors=True)
        assert answer.status_int == 400, path
        assert "送信が重複しました" in answer.text
    assert snapshot(app) == before
    assert "たろうさん" in pc.get("/").text


def test_opening_every_page_and_mailed_link_changes_nothing(app, handset, create_member,
                                                          mailbox) -> None:
    create_member(email="hanako@example.com", nickname="はなこ")
    invite(handset, "hanako@example.com", "jiro@example.net")
    pc = handset("pc-Firefox")
    pc.submit(pc.get(mail_link(mailbox.messages("jiro@example.net")[0])),
              {**PROFILE, "mobile_email": "jiro@ezweb.ne.jp"})
    verify_link = mail_link(mailbox.messages("jiro@ezweb.ne.jp")[0])
    reader = handset("pc-Firefox")
    reader.submit(reader.get("/password/forgot"), {"email": "hanako@example.com"})
    reset_link = mail_link(mailbox.messages("hanako@example.com")[0])
    member = handset("au-W53CA")
    log_in(member, "hanako@example.com")
    before = snapshot(app)
    for client, path in [(member, "/logout"), (member, "/settings/withdraw"),
                         (member, "/settings/easy_login"), (member, "/settings/password"),
                         (member, "/settings/email"), (member, "/invite"),
                         (handset("au-W53CA"), verify_link), (reader, reset_link),
                         (reader, "/easy_login"), (reader, "/login"), (reader, "/terms")]:
        assert client.get(path).status_int == 200, path
    assert snapshot(app) == before
    assert "はなこさん" in member.text(member.get("/"))
