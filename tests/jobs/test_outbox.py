"""Mail goes through the outbox: actions succeed while the mail server is down, mail follows."""
from __future__ import annotations

import email
import email.policy
from collections.abc import Callable
from datetime import timedelta

from flask import Flask
from sqlalchemy import select

from keitai.db import db
from keitai.models.base import utcnow
from keitai.models.job import Job
from simulator.mailbox import Mailbox, MailboxServer
from tests.accounts.conftest import PASSWORD, free_port, mail_link
from tests.accounts.test_signup_as_a_handset import PROFILE, invite
from tests.handsets import HandsetClient
from tests.outbox import jobs_in, run_jobs

LATER = timedelta(hours=3)


def queued_link(job: Job) -> str:
    """Return the one URL in the mail a job carries."""
    message = email.message_from_string(job.payload["message"], policy=email.policy.default)
    return mail_link(message)


def test_actions_succeed_while_the_mail_server_is_down_and_every_mail_arrives_once_after(
        app: Flask, handset: Callable[..., HandsetClient], create_member: Callable[..., int],
        mail_server: MailboxServer) -> None:
    mailbox = mail_server.mailbox  # read without running the queue
    mailbox.clear()
    create_member(email="hanako@example.com", nickname="はなこ")
    create_member(email="saburo@example.com", nickname="さぶろう")
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{free_port()}"  # nobody listens: down

    assert "jiro@example.net に招待メールを送りました" in invite(
        handset, "hanako@example.com", "jiro@example.net").text
    [invitation] = jobs_in(app)
    pc = handset("pc-Firefox")
    sent = pc.submit(pc.get(queued_link(invitation)),
                     {**PROFILE, "nickname": "じろう", "mobile_email": "jiro@ezweb.ne.jp"})
    assert "jiro@ezweb.ne.jp に確認のメールを送りました" in sent.text
    visitor = handset("pc-Firefox", remote_addr="198.51.100.7")
    forgot = visitor.submit(visitor.get("/password/forgot"), {"email": "saburo@example.com"})
    assert forgot.status_int in (200, 302)
    settings = handset("pc-Firefox", remote_addr="198.51.100.8")
    from tests.accounts.conftest import log_in

    log_in(settings, "hanako@example.com")
    changed = settings.submit(settings.get("/settings/email"),
                              {"email": "hanako2@example.com", "password": PASSWORD})
    assert changed.status_int in (200, 302)

    ran = set(run_jobs(app))
    # each mail tried once, and refused by the closed port
    assert len([job for job in jobs_in(app) if job.id in ran]) == 4
    queued = jobs_in(app)
    assert [job.payload["recipient"] for job in queued] == [
        "jiro@example.net", "jiro@ezweb.ne.jp", "saburo@example.com", "hanako2@example.com"]
    for job in queued:
        assert job.state == "pending" and job.attempts == 1
        assert job.last_error is not None and job.last_error.startswith("MailNotSent: ")
        assert "Connection refused" in job.last_error
        assert job.run_after > job.created_at
    assert mailbox.messages() == []

    app.config["SMTP_URL"] = mail_server.url  # back up
    assert len(run_jobs(app, utcnow() + LATER)) == 4
    assert run_jobs(app, utcnow() + 2 * LATER) == []  # done is done
    subjects = {message["Delivered-To"]: message["Subject"] for message in mailbox.messages()}
    assert len(mailbox.messages()) == 4
    assert subjects == {
        "jiro@example.net": "「はなこ」さんからけいたいSNSへの招待",
        "jiro@ezweb.ne.jp": "けいたいSNS登録の確認",
        "saburo@example.com": "けいたいSNSパスワードの再設定",
        "hanako2@example.com": "けいたいSNSアドレス変更の確認",
    }
    assert len({message["Message-ID"] for message in mailbox.messages()}) == 4
    for job in jobs_in(app):
        assert job.state == "done" and job.attempts == 2 and job.payload == {}
        assert job.last_error is None and job.done_at is not None

    # the mail that arrived late still works: the check completes the sign-up
    [check] = mailbox.messages("jiro@ezweb.ne.jp")
    phone = handset("au-W53CA")
    done = phone.submit(phone.get(mail_link(check)))
    assert "じろうさん" in phone.text(done.follow())


def test_a_mail_is_queued_with_its_action_and_goes_when_the_action_is_rolled_back(
        app: Flask, queue_mail: Callable[..., None], mailbox: Mailbox) -> None:
    queue_mail("gone@example.com", commit=False)
    assert jobs_in(app) == []
    queue_mail("kept@example.com")
    assert [job.payload["recipient"] for job in jobs_in(app)] == ["kept@example.com"]
    assert [m["Delivered-To"] for m in mailbox.messages()] == ["kept@example.com"]


def test_every_attempt_of_a_mail_carries_the_message_id_it_was_queued_with(
        app: Flask, queue_mail: Callable[..., None], mail_server: MailboxServer) -> None:
    mail_server.mailbox.clear()
    queue_mail("taro@example.com")
    [job] = jobs_in(app)
    queued_id = email.message_from_string(job.payload["message"])["Message-ID"]
    assert queued_id and queued_id.endswith("@keitai.test>")
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{free_port()}"
    run_jobs(app)
    app.config["SMTP_URL"] = mail_server.url
    run_jobs(app, utcnow() + LATER)
    [message] = mail_server.mailbox.messages()
    assert message["Message-ID"] == queued_id


def test_a_done_mail_keeps_no_copy_of_its_link_in_the_database(
        app: Flask, queue_mail: Callable[..., None], mailbox: Mailbox) -> None:
    queue_mail("taro@example.com")
    assert queued_link(jobs_in(app)[0]).endswith("/password/reset?t=taro@example.com")
    assert len(mailbox.messages()) == 1
    with app.app_context():
        assert list(db.session.scalars(select(Job.payload))) == [{}]
