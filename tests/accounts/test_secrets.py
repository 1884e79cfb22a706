"""Passwords never reach the logs, the mail or the database in clear."""
from __future__ import annotations

import logging

from sqlalchemy import select

from keitai.db import db
from keitai.models import Base
from tests.accounts.conftest import log_in, mail_link
from tests.accounts.test_signup_as_a_handset import PROFILE, invite

SECRETS = ("mizu-2008", "wrong-guess-77", "kawa-2011-aki")


def test_passwords_appear_in_no_log_line_mail_or_table(app, handset, create_member, mailbox,
                                                        caplog) -> None:
    caplog.set_level(logging.DEBUG)
    create_member(email="hanako@example.com", nickname="はなこ")
    invite(handset, "hanako@example.com", "jiro@example.net")
    pc = handset("pc-Firefox")
    pc.submit(pc.get(mail_link(mailbox.messages("jiro@example.net")[0])),
              {**PROFILE, "mobile_email": "jiro@ezweb.ne.jp"})
    phone = handset("au-W53CA")
    phone.submit(phone.get(mail_link(mailbox.messages("jiro@ezweb.ne.jp")[0])))
    log_in(pc, "jiro@example.net", "wrong-guess-77")
    log_in(pc, "jiro@example.net", "mizu-2008")
    form = pc.click(pc.get("/settings"), "パスワードの変更")
    pc.submit(form, {"current": "mizu-2008", "new": "kawa-2011-aki"})

    logged = "\n".join(f"{record.getMessage()} {record.args!r}" for record in caplog.records)
    assert "logged in with a password" in logged and "login failed" in logged
    mails = "\n".join(message.as_string() for message in mailbox.messages())
    with app.app_context():
        tables = repr([db.session.execute(select(table)).all()
                       for table in Base.metadata.sorted_tables])
    for secret in SECRETS:
        assert secret not in logged and secret not in mails and secret not in tables
    assert "$argon2id$" in tables
