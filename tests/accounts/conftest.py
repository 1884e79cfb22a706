"""Membership tests: the app with a real SMTP mailbox, cheap argon2, and member factories."""
from __future__ import annotations

import re
import socket
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from flask import Flask

from keitai.db import db
from keitai.members import create_member as create
from keitai.passwords import hash_password
from simulator.mailbox import Mailbox, MailboxServer
from tests.handsets import HandsetClient
from tests.outbox import DeliveringMailbox

PASSWORD = "kaeru2007"


def free_port() -> int:
    """Return a port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def mail_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MailboxServer]:
    """Run a real SMTP server (aiosmtpd) for the whole test session."""
    server = MailboxServer(Path(tmp_path_factory.mktemp("mailbox")), port=free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture()
def mailbox(app: Flask, mail_server: MailboxServer) -> Mailbox:
    """Give the mailbox, empty at the start; reading it first runs the job queue (the worker)."""
    mail_server.mailbox.clear()
    return DeliveringMailbox(mail_server.mailbox.directory, app)


@pytest.fixture()
def app(app: Flask, mail_server: MailboxServer) -> Flask:
    """Give the app sending mail to the test mailbox, at http://keitai.test."""
    app.config.update(SMTP_URL=mail_server.url, BASE_URL="http://keitai.test",
                      MAIL_FROM="info@keitai.test", ARGON2_TIME_COST=1, ARGON2_MEMORY_KIB=1024)
    return app


@pytest.fixture()
def create_member(app: Flask) -> Callable[..., int]:
    """Return a factory: create_member(email=..., nickname=...) adds a member, returns its id."""

    def make(email: str = "taro@example.com", nickname: str = "たろう",
             password: str = PASSWORD, mobile_email: str | None = None) -> int:
        with app.app_context():
            member = create(email=email, nickname=nickname, password_hash=hash_password(password),
                            mobile_email=mobile_email)
            db.session.commit()
            return member.id

    return make


def mail_link(message: EmailMessage) -> str:
    """Return the one URL in a mail's body."""
    urls = re.findall(r"https?://\S+", message.get_content())
    assert len(urls) == 1, message.get_content()
    return urls[0]


def log_in(client: HandsetClient, email: str, password: str = PASSWORD,  # type: ignore[no-untyped-def]
           **kwargs: object):
    """Log a handset in through the login form; return the response to the POST."""
    page = client.get("/login")
    return client.submit(page, {"email": email, "password": password}, **kwargs)
