"""Every way a sign-up is refused, and what the handset user reads then."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import update

from keitai.db import db
from keitai.features.signup.profile import JST
from keitai.models import Invitation, MailToken, Member
from keitai.models.base import utcnow
from tests.accounts.conftest import log_in, mail_link
from tests.accounts.test_signup_as_a_handset import PROFILE, invite


@pytest.fixture()
def invited(handset, create_member, mailbox):  # type: ignore[no-untyped-def]
    """Invite taro@docomo.ne.jp and return the sign-up link of the mail."""
    create_member(email="hanako@example.com", nickname="はなこ")
    invite(handset, "hanako@example.com", "taro@docomo.ne.jp")
    return mail_link(mailbox.messages("taro@docomo.ne.jp")[0])


def members(app) -> int:  # type: ignore[no-untyped-def]
    with app.app_context():
        return db.session.query(Member).count()


def expire(app, model) -> None:  # type: ignore[no-untyped-def]
    with app.app_context():
        db.session.execute(update(model).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()


def test_an_expired_invitation_is_refused(app, handset, invited) -> None:
    phone = handset("docomo-P903i")
    form = phone.get(invited)
    expire(app, Invitation)
    refused = phone.text(phone.submit(form, PROFILE))
    assert "この招待の有効期限が切れています" in refused
    assert "有効期限" in phone.text(phone.get(invited))
    assert members(app) == 1


def test_a_used_invitation_cannot_sign_up_again(app, handset, invited) -> None:
    phone = handset("docomo-P903i")
    phone.submit(phone.get(invited), PROFILE)
    again = handset("docomo-N505i").get(invited)
    assert "この招待はすでに使われています" in again.body.decode("cp932")
    assert members(app) == 2


def test_a_double_submit_of_the_sign_up_form_makes_one_member(app, handset, invited) -> None:
    phone = handset("docomo-P903i")
    form = phone.get(invited)
    first = phone.submit(form, PROFILE)
    second = phone.submit(form, PROFILE, expect_errors=True)
    assert first.status_int == 302
    # the visitor's form token is still good (it is stored nowhere), but the invitation is not
    assert second.status_int == 200
    assert "この招待はすでに使われています" in phone.text(second)
    assert members(app) == 2


def test_one_invitation_sent_from_two_pages_at_once_makes_one_member(app, handset,
                                                                    invited) -> None:
    phone, other = handset("docomo-P903i"), handset("docomo-N505i")
    form, other_form = phone.get(invited), other.get(invited)
    assert phone.submit(form, PROFILE).status_int == 302
    second = other.submit(other_form, {**PROFILE, "nickname": "にせもの"})
    assert "この招待はすでに使われています" in other.text(second)
    assert members(app) == 2


def test_an_unknown_or_cut_off_link_is_refused(handset, invited) -> None:
    phone = handset("docomo-P903i")
    page = phone.text(phone.get(invited.replace("?t=", "?t=x")))
    assert "このURLは正しくありません" in page


@pytest.mark.parametrize("days_short, accepted", [(1, False), (0, True)])
def test_the_age_gate_admits_members_from_their_18th_birthday(
        app, handset, invited, days_short: int, accepted: bool) -> None:
    today = datetime.now(JST).date()
    try:
        eighteenth = today.replace(year=today.year - 18)
    except ValueError:  # today is 29 February
        eighteenth = today.replace(year=today.year - 18, day=28)
    born = eighteenth + timedelta(days=days_short)
    phone = handset("docomo-P903i")
    answer = phone.submit(phone.get(invited), {
        **PROFILE, "birth_year": str(born.year), "birth_month": str(born.month),
        "birth_day": str(born.day)})
    if accepted:
        assert answer.status_int == 302
    else:
        assert "18歳未満の方は登録できません" in phone.text(answer)
    assert members(app) == (2 if accepted else 1)


@pytest.mark.parametrize("change, message", [
    ({"agree": ""}, "利用規約を読んで、同意するにチェックしてください"),
    ({"birth_month": "2", "birth_day": "30"}, "生年月日を正しく入力してください"),
    ({"nickname": "  "}, "ニックネームを入力してください"),
    ({"password": "short"}, "パスワードは8文字以上64文字以内"),
    ({"password": "ぱすわーどぱすわーど"}, "半角の英字・数字・記号"),
])
def test_an_incomplete_sign_up_form_is_refused_with_the_reason(
        app, handset, invited, change: dict[str, str], message: str) -> None:
    phone = handset("docomo-P903i")
    page = phone.text(phone.submit(phone.get(invited), {**PROFILE, **change}))
    assert message in page
    assert members(app) == 1


def test_an_invitation_needs_an_answer_about_knowing_the_person(handset, create_member,
                                                                mailbox) -> None:
    create_member(email="hanako@example.com", nickname="はなこ")
    pc = handset("pc-Firefox")
    log_in(pc, "hanako@example.com")
    refused = pc.submit(pc.get("/invite"), {"email": "taro@docomo.ne.jp"})
    assert "招待する人と知り合いかどうかを選んでください" in refused.text
    assert mailbox.messages() == []


def test_a_member_is_not_invited_again_and_the_inviter_cannot_tell(handset, create_member,
                                                                   mailbox) -> None:
    create_member(email="hanako@example.com", nickname="はなこ")
    create_member(email="jiro@softbank.ne.jp", nickname="じろう")
    member = invite(handset, "hanako@example.com", "JIRO@softbank.ne.jp")
    mailbox_after_member = mailbox.messages()
    stranger = invite(handset, "hanako@example.com", "saburo@softbank.ne.jp")
    assert mailbox_after_member == []
    assert [m["To"] for m in mailbox.messages()] == ["saburo@softbank.ne.jp"]
    assert member.status_int == stranger.status_int == 200
    assert "に招待メールを送りました" in member.text
    assert member.text.replace("JIRO@softbank.ne.jp", "X") == \
        stranger.text.replace("saburo@softbank.ne.jp", "X")


def test_an_expired_or_used_mobile_check_link_is_refused(app, handset, create_member,
                                                        mailbox) -> None:
    create_member(email="hanako@example.com", nickname="はなこ")
    invite(handset, "hanako@example.com", "jiro@example.net")
    pc = handset("pc-Firefox")
    pc.submit(pc.get(mail_link(mailbox.messages("jiro@example.net")[0])),
              {**PROFILE, "mobile_email": "jiro@ezweb.ne.jp"})
    link = mail_link(mailbox.messages("jiro@ezweb.ne.jp")[0])
    phone = handset("au-W53CA")
    confirm = phone.get(link)
    expire(app, MailToken)
    assert "有効期限が切れています" in phone.text(phone.submit(confirm))
    with app.app_context():
        db.session.execute(update(MailToken).values(expires_at=utcnow() + timedelta(hours=1)))
        db.session.commit()
    assert phone.submit(confirm).status_int == 302
    assert "すでに使われています" in phone.text(handset("au-W53CA").get(link))
    assert members(app) == 2


def test_a_member_sends_at_most_twenty_invitations_a_day(handset, create_member,
                                                         mailbox) -> None:
    create_member(email="hanako@example.com", nickname="はなこ")
    pc = handset("pc-Firefox")
    log_in(pc, "hanako@example.com")
    for number in range(21):
        answer = pc.submit(pc.get("/invite"), {"email": f"friend{number}@docomo.ne.jp",
                                               "knows": "no"})
    assert "招待は1日20通までです" in answer.text
    assert len(mailbox.messages()) == 20
