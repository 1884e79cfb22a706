"""Bans: a banned handset cannot come back under a new address, a banned mobile address cannot
be used again; the refusal never names the ban; bans run out or are lifted."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from keitai.db import db
from keitai.models import Ban, Member
from keitai.moderation import bans
from tests.accounts.conftest import log_in, mail_link
from tests.bans.conftest import (
    HANDSETS,
    PROFILE,
    REASON,
    REFUSED,
    age_bans,
    invite,
    member_id,
    operator,
    page_of,
    terminals,
)
from tests.handsets import SUBSCRIBER_IDS


def sign_up(app, handset, mailbox, inviter: str, name: str, address: str):  # type: ignore[no-untyped-def]
    """Invite address, open the mailed link on the handset and send the form; return the
    answer to the form."""
    invite(handset, inviter, address)
    [message] = mailbox.messages(address)
    phone = handset(name)
    return phone, phone.submit(phone.get(mail_link(message)), PROFILE)


def banned_member(app, handset, mailbox, inviter: str, name: str, days: int | None = None):  # type: ignore[no-untyped-def]
    """Sign a member up from the handset at its own address, then ban them; return the ban ids."""
    phone, done = sign_up(app, handset, mailbox, inviter, name, f"taro@{HANDSETS[name]}")
    assert done.status_int == 302, phone.text(done)
    banned = member_id(app, f"taro@{HANDSETS[name]}")
    operator_id = member_id(app, inviter)
    assert banned is not None and operator_id is not None
    return operator(app, bans.ban_member, banned, days, REASON, operator_id)


def assert_refused_neutrally(text: str) -> None:
    """The handset is told the one neutral sentence: no ban, no reason."""
    assert REFUSED in text
    assert REASON not in text and "禁止" not in text and "停止" not in text


@pytest.mark.parametrize("name", list(HANDSETS))
def test_a_banned_handset_cannot_return_with_a_new_mail_address(
        app, handset, mailbox, inviter, name: str) -> None:
    made = banned_member(app, handset, mailbox, inviter, name)
    # the handset's ids as its gateway sent them at sign-up (SoftBank: user id and serial),
    # and its mobile address
    assert len(terminals(app)) == (2 if name.startswith("softbank") else 1)
    assert len(made) == len(terminals(app)) + 1
    phone, answer = sign_up(app, handset, mailbox, inviter, name, f"jiro@{HANDSETS[name]}")
    assert answer.status_int == 200
    assert_refused_neutrally(page_of(phone, answer))
    assert member_id(app, f"jiro@{HANDSETS[name]}") is None


@pytest.mark.parametrize("name", list(HANDSETS))
def test_a_banned_handset_cannot_sign_up_with_a_pc_address_and_a_new_mobile_one(
        app, handset, mailbox, inviter, name: str) -> None:
    banned_member(app, handset, mailbox, inviter, name)
    invite(handset, inviter, "jiro@example.com")
    [message] = mailbox.messages("jiro@example.com")
    phone = handset(name)
    answer = phone.submit(phone.get(mail_link(message)),
                          {**PROFILE, "mobile_email": f"jiro@{HANDSETS[name]}"})
    assert_refused_neutrally(page_of(phone, answer))
    assert mailbox.messages(f"jiro@{HANDSETS[name]}") == []


def test_the_check_link_opened_on_a_banned_handset_does_not_complete_the_sign_up(
        app, handset, mailbox, inviter) -> None:
    banned_member(app, handset, mailbox, inviter, "au-W53CA")
    invite(handset, inviter, "jiro@example.com")
    [message] = mailbox.messages("jiro@example.com")
    pc = handset("pc-Firefox")  # the form filled in on a PC, which sends no terminal id
    sent = pc.submit(pc.get(mail_link(message)), {**PROFILE, "mobile_email": "jiro@ezweb.ne.jp"})
    assert "jiro@ezweb.ne.jp" in pc.text(sent)
    [check] = mailbox.messages("jiro@ezweb.ne.jp")
    phone = handset("au-W53CA")
    answer = phone.submit(phone.get(mail_link(check)))
    assert_refused_neutrally(page_of(phone, answer))
    assert member_id(app, "jiro@example.com") is None


@pytest.mark.parametrize("name", list(HANDSETS))
def test_a_banned_handset_cannot_log_in_by_easy_login_or_password(
        app, handset, mailbox, inviter, create_member, name: str) -> None:
    banned_member(app, handset, mailbox, inviter, name)
    phone = handset(name)
    answer = phone.submit(phone.get("/?guid=ON"))  # the easy-login button
    assert_refused_neutrally(page_of(phone, answer))
    # nor with a password, into another account
    create_member(email="other@example.com", nickname="べつ")
    answer = log_in(handset(name), "other@example.com")
    assert answer.status_int == 200
    assert_refused_neutrally(phone.text(answer))
    assert log_in(handset("pc-Firefox"), "other@example.com").status_int == 302


def test_a_banned_handset_registered_for_easy_login_is_banned_too(
        app, handset, create_member, inviter) -> None:
    """The registered handset's id is banned even when no login recorded it."""
    from tests.accounts.test_easy_login import register

    taro = create_member(email="taro@ezweb.ne.jp")
    register(handset("au-W53CA"), "taro@ezweb.ne.jp")
    with app.app_context():
        db.session.execute(bans.MemberTerminal.__table__.delete())
        db.session.commit()
    made = operator(app, bans.ban_member, taro, None, REASON, member_id(app, inviter))
    assert len(made) == 2  # the registration's id, and the mobile address
    phone = handset("au-W53CA")
    assert_refused_neutrally(phone.text(phone.submit(phone.get("/"))))


def test_an_id_sent_from_outside_the_gateway_is_no_id(app, handset, mailbox, inviter) -> None:
    banned_member(app, handset, mailbox, inviter, "au-W53CA")
    # the same EZ number in a header from a Wi-Fi address: it proves nothing, bans nothing
    outside = handset("au-W53CA", via_gateway=False)
    answer = outside.submit(outside.get("/easy_login"))
    text = outside.text(answer)
    assert "かんたんログインはEZwebの接続からだけ使えます" in text and REFUSED not in text
    invite(handset, inviter, "jiro@ezweb.ne.jp")
    [message] = mailbox.messages("jiro@ezweb.ne.jp")
    done = outside.submit(outside.get(mail_link(message)), PROFILE)
    assert done.status_int == 302
    # and its id was not recorded for the new member either
    jiro = member_id(app, "jiro@ezweb.ne.jp")
    assert [row for row in terminals(app) if row.member_id == jiro] == []


def test_terminal_ids_are_recorded_only_as_keyed_hashes_once_per_handset(
        app, handset, create_member) -> None:
    create_member(email="taro@ezweb.ne.jp")
    for _ in range(3):
        assert log_in(handset("au-W53CA"), "taro@ezweb.ne.jp").status_int == 302
    [row] = terminals(app)
    assert row.carrier == "au" and row.id_kind == "subscriber_id" and len(row.id_hash) == 64
    assert SUBSCRIBER_IDS["au"] not in repr(vars(row))
    assert row.last_seen_at >= row.first_seen_at


def test_a_banned_mobile_address_cannot_be_invited_or_sign_up_even_after_withdrawal(
        app, handset, mailbox, inviter) -> None:
    made = banned_member(app, handset, mailbox, inviter, "docomo-P903i")
    with app.app_context():  # the member is removed; the bans stay, without them
        db.session.delete(db.session.get(Member, member_id(app, "taro@docomo.ne.jp")))
        db.session.commit()
        assert [ban.member_id for ban in db.session.scalars(select(Ban))] == [None, None]
        dump = repr([(ban.id_hash, ban.reason) for ban in db.session.scalars(select(Ban))])
        assert "taro@docomo.ne.jp" not in dump and SUBSCRIBER_IDS["docomo"] not in dump
    assert len(made) == 2
    mailed = len(mailbox.messages("taro@docomo.ne.jp"))  # the first invitation
    sent = invite(handset, inviter, "taro@docomo.ne.jp")
    assert "taro@docomo.ne.jp に招待メールを送りました" in sent.text  # the same answer...
    assert len(mailbox.messages("taro@docomo.ne.jp")) == mailed     # ...and no mail
    # nor can it be the mobile address of a sign-up from a clean handset
    invite(handset, inviter, "jiro@example.com")
    [message] = mailbox.messages("jiro@example.com")
    phone = handset("docomo-P903i", subscriber_id="ZzZ9999")
    answer = phone.submit(phone.get(mail_link(message)),
                          {**PROFILE, "mobile_email": "TARO@docomo.ne.jp"})
    assert_refused_neutrally(page_of(phone, answer))
    assert len(mailbox.messages("taro@docomo.ne.jp")) == mailed


def test_a_banned_mobile_address_cannot_become_a_members_address(
        app, handset, mailbox, inviter, create_member) -> None:
    banned_member(app, handset, mailbox, inviter, "softbank-930SH")
    with app.app_context():  # the banned member is gone: the address is nobody's now
        db.session.delete(db.session.get(Member, member_id(app, "taro@softbank.ne.jp")))
        db.session.commit()
    mailed = len(mailbox.messages("taro@softbank.ne.jp"))
    create_member(email="jiro@example.com", nickname="じろう")
    pc = handset("pc-Firefox")
    log_in(pc, "jiro@example.com")
    page = pc.get("/settings/email")
    answer = pc.submit(page, {"email": "taro@softbank.ne.jp", "password": "kaeru2007"})
    assert_refused_neutrally(pc.text(answer))
    assert len(mailbox.messages("taro@softbank.ne.jp")) == mailed


def test_a_ban_runs_out_by_itself_and_a_lifted_one_stops_at_once(
        app, handset, mailbox, inviter) -> None:
    made = banned_member(app, handset, mailbox, inviter, "au-W53CA", days=7)
    operator_id = member_id(app, inviter)
    with app.app_context():
        assert sorted(ban.id for ban in bans.bans()) == sorted(made)
    phone = handset("au-W53CA")
    assert_refused_neutrally(phone.text(phone.submit(phone.get("/"))))
    age_bans(app, timedelta(days=7))
    with app.app_context():
        assert bans.bans() == [] and len(bans.bans(active_only=False)) == 2
    answer = phone.submit(phone.get("/"))  # easy login: no longer refused, just unregistered
    assert "この端末はかんたんログインに登録されていません" in phone.text(answer)

    again = operator(app, bans.ban_member, member_id(app, "taro@ezweb.ne.jp"), None, REASON,
                     operator_id)
    assert_refused_neutrally(phone.text(phone.submit(phone.get("/"))))
    for ban_id in again:
        operator(app, bans.lift, ban_id, operator_id)
    assert "この端末はかんたんログインに登録されていません" in phone.text(
        phone.submit(phone.get("/")))
    with app.app_context():
        lifted = db.session.get(Ban, again[0])
        assert lifted is not None and lifted.lifted_by == operator_id
        assert lifted.lifted_at is not None and bans.bans() == []
    phone, done = sign_up(app, handset, mailbox, inviter, "au-W53CA", "jiro@ezweb.ne.jp")
    assert done.status_int == 302
