"""Notice tests: the app mailing a real SMTP server, members with handset addresses, logged-in
handsets, and a clock the notices and the job queue share (the worker runs at that time)."""
from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta
from email.message import EmailMessage

import pytest
from flask import Flask

from keitai import jobs
from keitai.db import db
from keitai.members import create_member
from keitai.models.base import utcnow
from keitai.notices import clock as notice_clock
from simulator.mailbox import Mailbox, MailboxServer
from tests.accounts.conftest import mail_server  # noqa: F401  (the session's SMTP server)
from tests.outbox import run_jobs
from tests.social.conftest import logged_in  # noqa: F401

#: a handset address of each carrier's mail domain
ADDRESSES = {"docomo": "docomo.ne.jp", "au": "ezweb.ne.jp", "softbank": "softbank.ne.jp"}


@pytest.fixture()
def app(app: Flask, mail_server: MailboxServer) -> Flask:  # noqa: F811
    """Give the app mailing the test server, at http://keitai.test, with the default window."""
    app.config.update(SMTP_URL=mail_server.url, BASE_URL="http://keitai.test",
                      MAIL_FROM="info@keitai.test", NOTICE_BATCH_MINUTES=30,
                      NOTICE_DAILY_CAP=20)
    return app


@pytest.fixture()
def mailbox(mail_server: MailboxServer) -> Mailbox:  # noqa: F811
    """Give the mailbox, empty at the start (the worker fills it: see Clock.run)."""
    mail_server.mailbox.clear()
    return mail_server.mailbox


class Clock:
    """The time of the notices and the job queue; run() lets the worker work at that time."""

    def __init__(self, app: Flask, start: datetime) -> None:
        self.app, self.now = app, start

    def advance(self, **delta: float) -> datetime:
        """Move the time on; return the new time."""
        self.now += timedelta(**delta)
        return self.now

    def run(self, **delta: float) -> list[int]:
        """Move the time on and run every job due then, as `keitai worker` would."""
        self.advance(**delta)
        return run_jobs(self.app, self.now)


@pytest.fixture()
def clock(app: Flask, monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Give the shared clock, starting now."""
    shared = Clock(app, utcnow())
    monkeypatch.setattr(notice_clock, "now", lambda: shared.now)
    monkeypatch.setattr(jobs, "utcnow", lambda: shared.now)
    return shared


@pytest.fixture()
def person(app: Flask) -> Callable[..., tuple[int, str]]:
    """Return a factory: person("はなこ", "docomo") adds a member whose mobile address is on
    that carrier's domain (None: a PC address only); returns (id, the address mail goes to)."""

    def make(nickname: str, carrier: str | None = "docomo") -> tuple[int, str]:
        tag = secrets.token_hex(3)
        mobile = f"k{tag}@{ADDRESSES[carrier]}" if carrier else None
        with app.app_context():
            made = create_member(email=f"pc{tag}@example.com", nickname=nickname,
                                 password_hash="x", mobile_email=mobile)
            db.session.commit()
            return made.id, mobile or f"pc{tag}@example.com"

    return make


def notice_mails(mailbox: Mailbox, address: str) -> list[EmailMessage]:
    """Return the mails the address received, oldest first."""
    return mailbox.messages(address)


def links(message: EmailMessage) -> list[str]:
    """Return the URLs of a mail's body, in order (the page, then the unsubscribe link)."""
    return re.findall(r"https?://\S+", message.get_content())


def path_of(url: str) -> str:
    """Return the path and query of one of our absolute URLs."""
    assert url.startswith("http://keitai.test/"), url
    return url.removeprefix("http://keitai.test")
