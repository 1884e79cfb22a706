"""Sign-up from an invitation mail, on a handset whose own address was invited."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from keitai.db import db
from keitai.models import Invitation, Member
from tests.accounts.conftest import log_in, mail_link

PROFILE = {"nickname": "たろう", "real_name": "山田太郎", "birth_year": "1985",
           "birth_month": "4", "birth_day": "1", "password": "mizu-2008", "agree": "1"}


def invite(handset, inviter_email: str, address: str):  # type: ignore[no-untyped-def]
    """Log in on a PC as the inviter and invite address; return the page that answers."""
    pc = handset("pc-Firefox")
    log_in(pc, inviter_email)
    return pc.submit(pc.get("/invite"), {"email": address, "knows": "yes"})


@pytest.mark.parametrize("name, address", [
    ("docomo-N505i", "taro..yamada.@docomo.ne.jp"), ("docomo-P903i", "taro@docomo.ne.jp"),
    ("au-W53CA", "taro@ezweb.ne.jp"), ("softbank-930SH", "taro@softbank.ne.jp"),
    ("softbank-V602T", "taro@t.vodafone.ne.jp"), ("willcom-WX310SA", "taro@di.pdx.ne.jp")])
def test_a_handset_signs_up_from_its_invitation_mail_and_logs_in_again_later(
        app, handset, create_member, mailbox, name: str, address: str) -> None:
    create_member(email="hanako@example.com", nickname="はなこ")
    sent = invite(handset, "hanako@example.com", address)
    assert f"{address} に招待メールを送りました" in sent.text
    [message] = mailbox.messages(address)
    assert message["Subject"] == "「はなこ」さんからけいたいSNSへの招待"
    url = mail_link(message)
    assert url.startswith("http://keitai.test/signup?t=")

    phone = handset(name)
    form = phone.get(url)
    assert "新規登録" in phone.text(form) and "mobile_email" not in phone.text(form)
    done = phone.submit(form, PROFILE)  # typed in the handset's own charset
    assert done.status_int == 302
    top = phone.text(done.follow())
    assert "登録が完了しました" in top and "たろう" in top

    with app.app_context():
        member = db.session.scalars(select(Member).where(Member.email == address)).one()
        assert (member.nickname, member.real_name) == ("たろう", "山田太郎")
        assert member.mobile_email == address and member.terms_accepted_at is not None
        invitation = db.session.scalars(select(Invitation)).one()
        assert invitation.member_id == member.id and invitation.knows_invitee is True

    again = handset(name)
    assert "メールアドレスかパスワードが違います" in again.text(
        log_in(again, address, "mizu-2009"))
    later = log_in(again, address.upper(), PROFILE["password"])
    assert later.status_int == 302
    assert "たろう" in again.text(later.follow())
