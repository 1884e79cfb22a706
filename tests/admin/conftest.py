"""The operators' console: the app open to an admin network, operators with a TOTP app or a
mailed code, a PC browsing from inside (and outside) that network, and the audit log."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pyotp
import pytest
from flask import Flask
from sqlalchemy import select
from webtest import TestResponse

from keitai.db import db
from keitai.features.admin import console, factors
from keitai.models import AuditEntry, Member
from tests.accounts.conftest import (  # noqa: F401  (fixtures)
    PASSWORD,
    app,
    create_member,
    mail_server,
    mailbox,
)
from tests.handsets import HandsetClient, client_for

#: the operators' network in these tests, an address inside it and one outside
ADMIN_NETWORK = "10.9.0.0/16"
INSIDE = "10.9.8.7"
OUTSIDE = "198.51.100.7"
#: where the test clock starts (console stamps and TOTP steps)
START = 1_800_000_000.0


class Clock:
    """The time the console and the TOTP check see; a test moves it."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Let time pass."""
        self.now += seconds


@pytest.fixture()
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Hold the console's clock and the TOTP clock still, to be moved by the test."""
    found = Clock()
    monkeypatch.setattr(console, "clock", found)
    monkeypatch.setattr(factors, "clock", found)
    return found


@pytest.fixture(autouse=True)
def console_app(app: Flask, clock: Clock) -> Iterator[Flask]:  # noqa: F811
    """Open the console to the test network (tests/conftest.py empties the audit log after
    the test, as every table)."""
    app.config.update(ADMIN_NETWORKS=[ADMIN_NETWORK], ADMIN_IDLE_SECONDS=900,
                      ADMIN_MAX_SECONDS=8 * 3600)
    yield app


@dataclass
class Operator:
    """An operator made in the database: their id, address, and TOTP secret (or None)."""

    id: int
    email: str
    secret: str | None

    def code(self, clock: Clock, steps: int = 0) -> str:
        """Return the TOTP code of now (or of some steps later)."""
        assert self.secret is not None
        return pyotp.TOTP(self.secret).at(clock.now + 30 * steps)


@pytest.fixture()
def operator(app: Flask, create_member: Callable[..., int]) -> Callable[..., Operator]:  # noqa: F811
    """Return a factory: operator(totp=True) adds a member with operator rights."""
    counter = iter(range(1, 1000))

    def make(totp: bool = True, nickname: str = "うんえい",
             mobile_email: str | None = None) -> Operator:
        email = f"op{next(counter)}@example.com"
        member_id = create_member(email=email, nickname=nickname, mobile_email=mobile_email)
        secret = None
        with app.app_context():
            member = db.session.get(Member, member_id)
            assert member is not None
            factors.make_operator(member)
            if totp:
                uri = factors.enroll_totp(member)
                secret = re.search(r"secret=([A-Z2-7]+)", uri).group(1)  # type: ignore[union-attr]
            db.session.commit()
            db.session.remove()
        return Operator(member_id, email, secret)

    return make


def pc(app: Flask, address: str = INSIDE, **kwargs: Any) -> HandsetClient:  # noqa: F811
    """Return a PC browser at an address (inside the admin network by default)."""
    return client_for(app, "pc-Firefox", remote_addr=address, **kwargs)


def password_step(client: HandsetClient, email: str, password: str = PASSWORD,
                  **kwargs: Any) -> TestResponse:
    """Send the console's login form; return the response."""
    page = client.get("/admin/login")
    return client.submit(page, {"email": email, "password": password}, **kwargs)


def log_in(client: HandsetClient, who: Operator, clock: Clock, steps: int = 0) -> TestResponse:
    """Log an operator with TOTP in to the console; return the console's front page."""
    sent = password_step(client, who.email)
    assert sent.status_int == 302 and sent.location.endswith("/admin/login/verify"), sent
    page = client.get("/admin/login/verify")
    done = client.submit(page, {"code": who.code(clock, steps)})
    assert done.status_int == 302 and done.location.endswith("/admin"), done.text
    return client.get("/admin")


def audit_rows(app: Flask) -> list[AuditEntry]:  # noqa: F811
    """Return every audit row, oldest first."""
    with app.app_context():
        rows = list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        db.session.expunge_all()
        db.session.remove()
        return rows


def form_of(page: TestResponse, action: str) -> int:
    """Return the index of the page's form whose action ends with action."""
    from tests.handsets import page_forms

    for index, form in enumerate(page_forms(page)):
        if form.action.endswith(action):
            return index
    raise AssertionError(f"no form for {action}")
