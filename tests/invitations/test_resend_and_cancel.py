"""再送 and 取消 on /invite: a resend mails a new link and kills the old one, counted like an
invitation; a cancel kills the link at once; only the inviter may do either."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from keitai.db import db
from keitai.models import Invitation
from tests.accounts.conftest import mail_link
from tests.accounts.test_signup_as_a_handset import PROFILE
from tests.invitations.conftest import add_invitation, invite_from, sign_up

pytestmark = pytest.mark.stores


def resend_form_of(browser, page, address: str) -> int:
    """Return the index of the 再送 form of an address on the /invite page."""
    forms = re.findall(r"<form (.*?)</form>", browser.text(page), re.S)
    return next(i for i, form in enumerate(forms) if address in form)


def resend(browser, address: str):  # type: ignore[no-untyped-def]
    """Press 再送 beside an address on /invite; return the page the redirect leads to."""
    page = browser.get("/invite")
    done = browser.submit(page, index=resend_form_of(browser, page, address))
    assert done.status_int == 302
    return done.follow()


def cancel_path(browser, address: str) -> str:
    """Return the 取消 link beside an address on /invite."""
    text = browser.text(browser.get("/invite"))
    row = text[text.index(address):]
    return re.search(r'href="(/invite/\d+/cancel)[?"]', row).group(1)


@pytest.mark.parametrize("name", ["docomo-N505i", "au-W53CA", "softbank-930SH", "pc-Firefox"])
def test_a_resend_mails_a_new_link_and_the_old_one_dies(app, create_member, logged_in,
                                                        mailbox, handset, name) -> None:
    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    browser = logged_in(name, hanako)
    invite_from(browser, "jiro@docomo.ne.jp")
    [first] = mailbox.messages("jiro@docomo.ne.jp")
    old = mail_link(first)

    after = browser.text(resend(browser, "jiro@docomo.ne.jp"))
    assert "jiro@docomo.ne.jp に招待メールをもう一度送りました" in after
    first_again, second = mailbox.messages("jiro@docomo.ne.jp")
    assert second["Subject"] == first["Subject"] == "「はなこ」さんからけいたいSNSへの招待"
    new = mail_link(second)
    assert new != old and new.startswith("http://keitai.test/signup?t=")

    phone = handset("docomo-P903i")
    assert "このURLは正しくありません" in phone.text(phone.get(old))
    assert 'name="nickname"' in phone.text(phone.get(new))
    assert sign_up(phone, new).status_int == 302
    with app.app_context():
        row = db.session.scalars(select(Invitation)).one()
        assert row.sent_count == 2 and row.last_sent_at is not None and row.member_id


def test_an_expired_invitation_is_resent_with_a_new_expiry(app, create_member, logged_in,
                                                           mailbox, handset) -> None:
    from datetime import timedelta

    from keitai.models.base import utcnow

    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    add_invitation(app, hanako, "old@ezweb.ne.jp", created=utcnow() - timedelta(days=10))
    browser = logged_in("au-W53CA", hanako)
    assert "期限切れ" in browser.text(browser.get("/invite"))
    page = browser.text(resend(browser, "old@ezweb.ne.jp"))
    assert "期限切れ" not in page and "未登録" in page
    [message] = mailbox.messages("old@ezweb.ne.jp")
    phone = handset("au-W53CA")
    assert 'name="nickname"' in phone.text(phone.get(mail_link(message)))


def test_resending_mails_an_address_no_more_often_than_inviting_it(app, create_member,
                                                                   logged_in, mailbox) -> None:
    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    browser = logged_in("pc-Firefox", hanako)
    invite_from(browser, "jiro@docomo.ne.jp")
    limit = app.config["MAILS_PER_ADDRESS_HOUR"]
    for _ in range(limit - 1):
        assert "もう一度送りました" in browser.text(resend(browser, "jiro@docomo.ne.jp"))
    refused = browser.text(resend(browser, "jiro@docomo.ne.jp"))
    assert "このアドレスへの招待が続いています" in refused
    assert len(mailbox.messages("jiro@docomo.ne.jp")) == limit
    # and the count is the invitation's: inviting the address again is refused too
    again = invite_from(browser, "jiro@docomo.ne.jp")
    assert "このアドレスへの招待が続いています" in browser.text(again)
    assert len(mailbox.messages("jiro@docomo.ne.jp")) == limit


def test_resends_count_against_the_inviters_daily_invitations(app, create_member, logged_in,
                                                              mailbox, monkeypatch) -> None:
    from keitai.features.signup import service

    monkeypatch.setattr(service, "INVITATIONS_PER_DAY", 3)
    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    browser = logged_in("pc-Firefox", hanako)
    invite_from(browser, "a@docomo.ne.jp")
    invite_from(browser, "b@docomo.ne.jp")
    resend(browser, "a@docomo.ne.jp")
    refused = browser.text(resend(browser, "b@docomo.ne.jp"))
    assert "招待は1日3通までです" in refused
    assert len(mailbox.messages()) == 3


@pytest.mark.parametrize("name", ["docomo-N505i", "softbank-930SH", "pc-Firefox"])
def test_a_cancel_kills_the_link_at_once_and_a_second_submit_does_no_harm(
        app, create_member, logged_in, mailbox, handset, name) -> None:
    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    browser = logged_in(name, hanako)
    invite_from(browser, "jiro@docomo.ne.jp")
    link = mail_link(mailbox.messages("jiro@docomo.ne.jp")[0])
    phone = handset("docomo-P903i")
    opened = phone.get(link)  # the invitee has the sign-up form open
    confirm = browser.get(cancel_path(browser, "jiro@docomo.ne.jp"))
    assert "jiro@docomo.ne.jp への招待を取り消しますか" in browser.text(confirm)
    done = browser.submit(confirm)
    assert done.status_int == 302
    listed = browser.text(done.follow())
    assert "jiro@docomo.ne.jp への招待を取り消しました" in listed
    assert "まだ誰も招待していません" in listed

    assert "この招待は取り消されました" in phone.text(phone.get(link))
    refused = phone.submit(opened, PROFILE)
    assert "この招待は取り消されました" in phone.text(refused)

    twice = browser.submit(confirm)  # the same form again: the answer is the same
    assert twice.status_int == 302
    assert "への招待を取り消しました" in browser.text(twice.follow())
    with app.app_context():
        row = db.session.scalars(select(Invitation)).one()
        assert row.cancelled_at is not None and row.member_id is None
    assert len(mailbox.messages()) == 1


def test_a_cancel_voids_the_mobile_address_check_started_from_the_link(
        app, create_member, logged_in, mailbox, handset) -> None:
    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    browser = logged_in("pc-Firefox", hanako)
    invite_from(browser, "jiro@example.net")
    pc = handset("pc-Firefox")
    pc.submit(pc.get(mail_link(mailbox.messages("jiro@example.net")[0])),
              {**PROFILE, "mobile_email": "jiro@ezweb.ne.jp"})
    check = mail_link(mailbox.messages("jiro@ezweb.ne.jp")[0])
    browser.submit(browser.get(cancel_path(browser, "jiro@example.net")))
    phone = handset("au-W53CA")
    assert "すでに使われています" in phone.text(phone.get(check))


def test_another_member_can_neither_resend_nor_cancel(app, create_member, logged_in,
                                                      mailbox) -> None:
    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    other = create_member(email="taro@example.com", nickname="たろう")
    invitation = add_invitation(app, hanako, "jiro@docomo.ne.jp")
    theirs = logged_in("pc-Firefox", other)
    page = theirs.get("/invite")  # for the CSRF token of a form of theirs
    token = re.search(r'name="csrf_token" value="([^"]+)"', theirs.text(page)).group(1)
    for path in (f"/invite/{invitation}/resend", f"/invite/{invitation}/cancel",
                 "/invite/999999/resend", "/invite/999999/cancel"):
        refused = theirs.post(path, {"csrf_token": token}, expect_errors=True)
        assert refused.status_int == 404, path
        assert "この招待は見つかりません" in theirs.text(refused)
    assert theirs.get(f"/invite/{invitation}/cancel", expect_errors=True).status_int == 404
    assert "jiro@docomo.ne.jp" not in theirs.text(theirs.get("/invite"))
    with app.app_context():
        row = db.session.get(Invitation, invitation)
        assert row.cancelled_at is None and row.sent_count == 1
    assert mailbox.messages() == []


def test_a_joined_invitation_can_neither_be_resent_nor_cancelled(app, create_member, logged_in,
                                                                 mailbox) -> None:
    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    jiro = create_member(email="jiro@docomo.ne.jp", nickname="じろう")
    invitation = add_invitation(app, hanako, "jiro@docomo.ne.jp", joined_by=jiro)
    browser = logged_in("pc-Firefox", hanako)
    page = browser.get("/invite")
    token = re.search(r'name="csrf_token" value="([^"]+)"', browser.text(page)).group(1)
    resent = browser.post(f"/invite/{invitation}/resend", {"csrf_token": token})
    assert "登録済みの招待は再送できません" in browser.text(resent.follow())
    cancelled = browser.post(f"/invite/{invitation}/cancel", {"csrf_token": token})
    assert "登録済みの招待は取り消せません" in browser.text(cancelled.follow())
    with app.app_context():
        row = db.session.get(Invitation, invitation)
        assert row.cancelled_at is None and row.sent_count == 1 and row.member_id == jiro
    assert mailbox.messages() == []
