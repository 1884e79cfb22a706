"""Sign-up on a PC: the invitee must still verify a mobile address from the handset."""
from __future__ import annotations

from keitai.db import db
from keitai.models import Member
from tests.accounts.conftest import log_in, mail_link
from tests.accounts.test_signup_as_a_handset import PROFILE, invite


def test_a_pc_sign_up_is_completed_from_the_handset_and_both_stay_logged_in(
        app, handset, create_member, mailbox) -> None:
    create_member(email="hanako@example.com", nickname="はなこ")
    invite(handset, "hanako@example.com", "jiro@example.net")
    [invitation] = mailbox.messages("jiro@example.net")
    assert invitation.get_content_charset() == "utf-8"
    url = mail_link(invitation)
    assert url.startswith("http://keitai.test/signup?t=") and "guid" not in url

    pc = handset("pc-Firefox")
    form = pc.get(url)
    assert 'name="mobile_email"' in form.text
    sent = pc.submit(form, {**PROFILE, "nickname": "じろう", "mobile_email": "jiro@ezweb.ne.jp"})
    assert "jiro@ezweb.ne.jp に確認のメールを送りました" in sent.text
    with app.app_context():
        assert db.session.query(Member).filter_by(email="jiro@example.net").count() == 0

    [check] = mailbox.messages("jiro@ezweb.ne.jp")
    assert check.get_content_charset() == "iso-2022-jp"
    phone = handset("au-W53CA")
    confirm = phone.get(mail_link(check))
    assert "じろうさん" in phone.text(confirm)
    done = phone.submit(confirm)
    assert "じろうさん" in phone.text(done.follow())

    assert log_in(pc, "jiro@example.net", PROFILE["password"]).status_int == 302
    assert "じろうさん" in pc.get("/").text
    assert "じろうさん" in phone.text(phone.get("/"))
    with app.app_context():
        member = db.session.query(Member).filter_by(email="jiro@example.net").one()
        assert member.mobile_email == "jiro@ezweb.ne.jp"
        assert member.real_name == "山田太郎" and str(member.birth_date) == "1985-04-01"


def test_a_handset_logs_in_with_its_mobile_address_after_a_pc_sign_up(
        handset, create_member, mailbox) -> None:
    create_member(email="hanako@example.com", nickname="はなこ")
    invite(handset, "hanako@example.com", "saburo@example.net")
    pc = handset("pc-Firefox")
    form = pc.get(mail_link(mailbox.messages("saburo@example.net")[0]))
    pc.submit(form, {**PROFILE, "mobile_email": "saburo@docomo.ne.jp"})
    confirm_url = mail_link(mailbox.messages("saburo@docomo.ne.jp")[0])
    assert confirm_url.endswith("&guid=ON")
    other_phone = handset("au-W53CA")
    other_phone.submit(other_phone.get(confirm_url))

    phone = handset("docomo-N505i")
    done = log_in(phone, "saburo@docomo.ne.jp", PROFILE["password"])
    assert done.status_int == 302 and "ksid=" in done.headers["Location"]
    assert "たろうさん" in phone.text(done.follow())


def test_a_pc_address_cannot_stand_in_for_the_mobile_address(handset, create_member,
                                                             mailbox) -> None:
    create_member(email="hanako@example.com", nickname="はなこ")
    invite(handset, "hanako@example.com", "shiro@example.net")
    pc = handset("pc-Firefox")
    form = pc.get(mail_link(mailbox.messages("shiro@example.net")[0]))
    for address in ("shiro@gmail.com", "shiro@example.net", "shiro@docomo.ne.jp.example.com",
                    "shiro@xdocomo.ne.jp"):
        refused = pc.submit(form, {**PROFILE, "mobile_email": address})
        assert "携帯電話のメールアドレス(docomo・au・SoftBank・WILLCOMなど)" in refused.text
        assert 'value="たろう"' in refused.text  # what was typed stays in the form
    for garbage in ("shiro at docomo", "shiro@ezweb.ne.jp@gmail.com"):
        refused = pc.submit(form, {**PROFILE, "mobile_email": garbage})
        assert "メールアドレスを正しく入力してください" in refused.text
    assert len(mailbox.messages()) == 1  # the invitation, and nothing since
