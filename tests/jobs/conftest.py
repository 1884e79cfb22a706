"""Job queue tests: the membership fixtures (real SMTP mailbox, member factory) and mail jobs."""
from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest
from flask import Flask

from keitai import mail
from keitai.db import db
from tests.accounts.conftest import app, create_member, mail_server, mailbox  # noqa: F401


@pytest.fixture()
def queue_mail(app: Flask) -> Callable[..., None]:  # noqa: F811
    """Return a factory: queue_mail(*addresses) writes a password-reset mail to each, committed."""

    def make(*addresses: str, commit: bool = True) -> None:
        with app.test_request_context():
            for address in addresses:
                mail.send(address, "mail/password_reset.txt",
                          member=SimpleNamespace(nickname="たろう"), minutes=60,
                          url=f"http://keitai.test/password/reset?t={address}")
            if commit:
                db.session.commit()
            else:
                db.session.rollback()

    return make
