"""What a refused action leaves: its rate-limit counts, written apart from the request's unit of
work, and nothing else, however long the session was idle before it."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from keitai import ratelimit
from keitai.db import db
from keitai.members import create_member
from keitai.models.web_session import WebSession
from keitai.uow import UnitHoldsWriteLock
from tests.accounts.conftest import free_port, log_in
from tests.rows import changed_tables, snapshot
from tests.stores import idle_for, stored_sessions
from tests.stores import rate_counts as counts

pytestmark = pytest.mark.stores


@pytest.fixture()
def inviter(app, handset, create_member, mailbox):  # type: ignore[no-untyped-def]
    """A PC logged in as a member, one address invited already (one mail an hour allowed)."""
    app.config["MAILS_PER_ADDRESS_HOUR"] = 1
    create_member(email="hanako@example.com", nickname="はなこ")
    pc = handset("pc-Firefox")
    log_in(pc, "hanako@example.com")
    sent = pc.submit(pc.get("/invite"), {"email": "jiro@example.net", "knows": "yes"})
    assert "招待メールを送りました" in sent.text
    return pc


@pytest.mark.parametrize("idle_seconds", [0, 120])
def test_a_rate_limited_invitation_keeps_its_counts_and_writes_nothing_else(
        app, inviter, idle_seconds: int) -> None:
    form = inviter.get("/invite")
    idle_for(app, idle_seconds)  # 120: past the minute after which a request notes the time
    before, counted = snapshot(app, "rate_counters"), counts(app)
    sessions = stored_sessions(app)
    refused = inviter.submit(form, {"email": "jiro@example.net", "knows": "yes"})
    assert "このアドレスへの招待が続いています" in refused.text
    assert changed_tables(before, snapshot(app, "rate_counters")) == set()
    assert stored_sessions(app) == sessions
    after = counts(app)
    assert after.keys() == counted.keys()
    grown = {key.split(":")[0]: after[key] - counted[key]
             for key in after if after[key] != counted[key]}
    assert grown == {"invite-address": 1, "invite": 1}  # counted, though refused


@pytest.mark.parametrize("idle_seconds", [0, 120])
def test_an_invalid_invitation_writes_nothing(app, inviter, idle_seconds: int) -> None:
    form = inviter.get("/invite")
    idle_for(app, idle_seconds)
    before, sessions = snapshot(app), stored_sessions(app)
    refused = inviter.submit(form, {"email": "saburo@example.net"})  # known or not: unanswered
    assert "知り合いかどうかを選んでください" in refused.text
    assert changed_tables(before, snapshot(app)) == set()
    assert stored_sessions(app) == sessions


def test_an_invitation_while_the_mail_server_is_down_stands_with_its_mail_queued(
        app, inviter) -> None:
    app.config["SMTP_URL"] = f"smtp://127.0.0.1:{free_port()}"
    form = inviter.get("/invite")
    before = snapshot(app, "rate_counters", "web_sessions")
    sent = inviter.submit(form, {"email": "shiro@example.net", "knows": "no"})
    assert "招待メールを送りました" in sent.text
    # one unit: the invitation and its mail (a job in the outbox) were committed together
    assert changed_tables(before, snapshot(app, "rate_counters", "web_sessions")) == {
        "invitations", "jobs"}
    assert sum(1 for key in counts(app) if key.startswith("mail:")) == 2


def test_a_count_stands_when_the_unit_of_work_is_rolled_back(app, database_url: str,
                                                             store: str) -> None:
    limit = ratelimit.Limit("test", 5, 3600)
    sqlite_counts = database_url.startswith("sqlite") and store == "database"
    with app.app_context():
        db.session.execute(select(WebSession)).all()  # the unit has read, not written
        assert ratelimit.hit(limit, "someone") == 1
        create_member(email="ichiro@example.com", nickname="いちろう", password_hash="x")
        if sqlite_counts:  # the unit holds SQLite's write lock now
            with pytest.raises(UnitHoldsWriteLock):
                ratelimit.hit(limit, "someone")
        else:  # PostgreSQL or Redis: the count goes on a connection of its own
            assert ratelimit.hit(limit, "someone") == 2
        db.session.rollback()
    expected = 1 if sqlite_counts else 2
    assert list(counts(app).values()) == [expected]
