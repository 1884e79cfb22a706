"""Account settings: address change verified by mail, password change, withdrawal."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from keitai.db import db
from keitai.models import Invitation, MailToken, Member, RegisteredHandset
from tests.accounts.conftest import PASSWORD, log_in, mail_link
from tests.accounts.test_easy_login import one_tap, register
from tests.accounts.test_signup_as_a_handset import PROFILE, invite
from tests.stores import member_sessions

pytestmark = pytest.mark.stores


def settings_page(client, email: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.click(log_in(client, email, password).follow(), "設定")


def test_a_new_mail_address_counts_only_once_its_mail_link_is_opened(
        app, handset, create_member, mailbox) -> None:
    create_member(email="taro@example.com", mobile_email="taro@docomo.ne.jp")
    pc = handset("pc-Firefox")
    form = pc.click(settings_page(pc, "taro@example.com"), "メールアドレスの変更")
    wrong = pc.submit(form, {"email": "taro@example.org", "password": "nope"})
    assert "今のパスワードが違います" in wrong.text
    sent = pc.submit(form, {"email": "Taro@Example.org", "password": PASSWORD})
    assert "taro@example.org に確認のメールを送りました" in sent.text
    assert log_in(handset("pc-Firefox"), "taro@example.org").status_int == 200  # not yet

    link = mail_link(mailbox.messages("taro@example.org")[0])
    opener = handset("pc-Firefox")  # the link works without being logged in
    done = opener.submit(opener.get(link))
    assert "メールアドレスを taro@example.org に変更しました" in done.text
    assert log_in(handset("pc-Firefox"), "taro@example.org").status_int == 302
    assert log_in(handset("pc-Firefox"), "taro@example.com").status_int == 200
    assert "すでに使われています" in opener.text(opener.submit(opener.get(link)))


def test_a_handset_address_change_moves_the_mobile_address(app, handset, create_member,
                                                           mailbox) -> None:
    create_member(email="taro@docomo.ne.jp")
    phone = handset("docomo-P903i")
    form = phone.click(settings_page(phone, "taro@docomo.ne.jp"), "メールアドレスの変更")
    phone.submit(form, {"email": "taro@ezweb.ne.jp", "password": PASSWORD})
    [message] = mailbox.messages("taro@ezweb.ne.jp")
    assert message.get_content_charset() == "iso-2022-jp"
    new_phone = handset("au-W53CA")
    new_phone.submit(new_phone.get(mail_link(message)))
    with app.app_context():
        member = db.session.scalars(select(Member)).one()
        assert (member.email, member.mobile_email) == ("taro@ezweb.ne.jp", "taro@ezweb.ne.jp")


def test_an_address_another_member_uses_is_refused(handset, create_member, mailbox) -> None:
    create_member(email="taro@example.com")
    create_member(email="hanako@example.com", nickname="はなこ", mobile_email="hanako@au.com")
    pc = handset("pc-Firefox")
    form = pc.click(settings_page(pc, "taro@example.com"), "メールアドレスの変更")
    refused = pc.submit(form, {"email": "hanako@au.com", "password": PASSWORD})
    assert "このメールアドレスはすでに登録されています" in refused.text
    assert mailbox.messages() == []


def test_a_password_change_logs_out_every_other_session(handset, create_member) -> None:
    create_member(email="taro@example.com", mobile_email="taro@ezweb.ne.jp")
    phone = handset("au-W53CA")
    log_in(phone, "taro@ezweb.ne.jp")
    pc = handset("pc-Firefox")
    form = pc.click(settings_page(pc, "taro@example.com"), "パスワードの変更")
    short = pc.submit(form, {"current": PASSWORD, "new": "abc"})
    assert "8文字以上" in short.text
    done = pc.submit(form, {"current": PASSWORD, "new": "new-pass-2009"})
    assert "パスワードを変更しました" in done.follow().text
    assert "たろうさん" in pc.get("/").text
    assert "たろうさん" not in phone.text(phone.get("/"))
    assert log_in(handset("pc-Firefox"), "taro@example.com").status_int == 200
    assert log_in(handset("pc-Firefox"), "taro@example.com", "new-pass-2009").status_int == 302


def test_a_forgotten_password_is_reset_once_by_a_mailed_link(app, handset, create_member,
                                                             mailbox) -> None:
    create_member(email="taro@softbank.ne.jp")
    phone = handset("softbank-930SH")
    page = phone.click(phone.get("/login"), "パスワードを忘れた方")
    sent = phone.submit(page, {"email": "taro@softbank.ne.jp"})
    unknown = phone.submit(page, {"email": "nobody@softbank.ne.jp"})
    assert phone.text(sent) == phone.text(unknown)  # no hint whether an address is a member's
    [message] = mailbox.messages()
    assert message["Subject"] == "けいたいSNSパスワードの再設定"
    assert "60分間有効" in message.get_content()
    form = phone.get(mail_link(message))
    done = phone.submit(form, {"new": "umi-2010-natsu"})
    assert "新しいパスワードでログインしてください" in phone.text(done)
    assert "すでに使われています" in phone.text(phone.submit(form, {"new": "other-pass-1"}))
    assert log_in(handset("softbank-930SH"), "taro@softbank.ne.jp",
                  "umi-2010-natsu").status_int == 302


def test_a_new_password_voids_every_other_reset_link(handset, create_member, mailbox) -> None:
    create_member(email="taro@example.com")
    pc = handset("pc-Firefox")
    for _asked in range(2):
        pc.submit(pc.get("/password/forgot"), {"email": "taro@example.com"})
    first, second = (pc.get(mail_link(message)) for message in mailbox.messages())
    pc.submit(second, {"new": "umi-2010-natsu"})
    assert "すでに使われています" in pc.submit(first, {"new": "yama-2010-aki"}).text
    assert log_in(handset("pc-Firefox"), "taro@example.com", "yama-2010-aki").status_int == 200


def test_wrong_passwords_on_settings_pages_are_capped_without_locking_the_login(
        handset, create_member) -> None:
    create_member(email="taro@example.com")
    pc = handset("pc-Firefox")
    form = pc.click(settings_page(pc, "taro@example.com"), "退会")
    for _guess in range(5):
        assert "今のパスワードが違います" in pc.submit(form, {"password": "guess",
                                                          "confirm": "1"}).text
    locked = pc.submit(form, {"password": PASSWORD, "confirm": "1"})
    assert "パスワードの間違いが続いたため、しばらくこの操作はできません" in locked.text
    assert "たろうさん" in pc.get("/").text  # still a member, still logged in
    # whoever guessed in a stolen session has not locked the owner out of logging in
    assert log_in(handset("pc-Firefox", remote_addr="203.0.113.9"),
                  "taro@example.com").status_int == 302


def test_a_password_reset_link_expires(app, handset, create_member, mailbox) -> None:
    from tests.accounts.test_signup_refusals import expire

    create_member(email="taro@example.com")
    pc = handset("pc-Firefox")
    pc.submit(pc.get("/password/forgot"), {"email": "taro@example.com"})
    expire(app, MailToken)
    assert "有効期限が切れています" in pc.get(mail_link(mailbox.messages()[0])).text


def test_withdrawal_removes_the_members_own_data_and_keeps_others_consistent(
        app, handset, create_member, mailbox) -> None:
    taro = create_member(email="taro@ezweb.ne.jp")
    invite(handset, "taro@ezweb.ne.jp", "jiro@docomo.ne.jp")
    invite(handset, "taro@ezweb.ne.jp", "saburo@docomo.ne.jp")  # never used
    newcomer = handset("docomo-N06A")  # keeps cookies: "/?guid=ON" stays logged in
    newcomer.submit(newcomer.get(mail_link(mailbox.messages("jiro@docomo.ne.jp")[0])),
                    {**PROFILE, "nickname": "じろう"})
    phone = handset("au-W53CA")
    register(phone, "taro@ezweb.ne.jp")
    pc = handset("pc-Firefox")
    form = pc.click(settings_page(pc, "taro@ezweb.ne.jp"), "退会")
    assert "チェックを入れてください" in pc.submit(form, {"password": PASSWORD}).text
    done = pc.submit(form, {"password": PASSWORD, "confirm": "1"})
    assert "退会しました" in done.text

    with app.app_context():
        assert db.session.get(Member, taro) is None
        assert db.session.scalars(select(RegisteredHandset)).all() == []
        [kept] = db.session.scalars(select(Invitation)).all()  # the one jiro used
        assert kept.inviter_id is None and kept.email == "jiro@docomo.ne.jp"
    assert member_sessions(app, taro) == []
    assert "たろうさん" not in phone.text(phone.get("/"))
    assert "登録されていません" in phone.text(one_tap(phone))
    assert "じろうさん" in newcomer.text(newcomer.get("/?guid=ON"))
    assert log_in(handset("pc-Firefox"), "taro@ezweb.ne.jp").status_int == 200
