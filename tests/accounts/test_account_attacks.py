"""Attacks on accounts that go through mail and sessions: address probing, mail floods,
impersonation in mail, and sessions and handsets that outlive a recovered account."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from keitai.db import db
from keitai.models import RegisteredHandset
from tests.accounts.conftest import PASSWORD, log_in, mail_link
from tests.accounts.test_easy_login import ADDRESSES, log_out, one_tap, register
from tests.accounts.test_signup_as_a_handset import PROFILE, invite
from tests.handsets import SUBSCRIBER_IDS
from tests.stores import stored_sessions

pytestmark = pytest.mark.stores

CSRF = re.compile(r'name="csrf_token" value="[^"]*"')


def ask_for_reset(handset, address: str, attempt: int):  # type: ignore[no-untyped-def]
    pc = handset("pc-Firefox", remote_addr=f"198.51.100.{attempt + 1}")
    return pc.submit(pc.get("/password/forgot"), {"email": address})


def test_password_reset_answers_a_member_and_a_stranger_alike_at_every_request(
        handset, create_member, mailbox) -> None:
    create_member(email="taro@example.com")
    for attempt in range(8):
        member = ask_for_reset(handset, "taro@example.com", attempt)
        stranger = ask_for_reset(handset, "nobody@example.com", attempt)
        assert member.status_int == stranger.status_int
        assert CSRF.sub("", member.text.replace("taro@", "X@")) == \
            CSRF.sub("", stranger.text.replace("nobody@", "X@")), attempt
    assert "お申し込みが続いたため" in member.text  # the same limit, for both
    assert len(mailbox.messages("taro@example.com")) == 5


def signed_up_link(handset, create_member, mailbox) -> str:  # type: ignore[no-untyped-def]
    """Invite a PC address (so sign-up asks for a mobile one); return the sign-up link."""
    create_member(email="hanako@example.com", nickname="はなこ")
    invite(handset, "hanako@example.com", "newcomer@example.net")
    return mail_link(mailbox.messages("newcomer@example.net")[0])


def test_one_invitation_cannot_make_the_site_mail_thirty_handsets(
        app, handset, create_member, mailbox) -> None:
    link = signed_up_link(handset, create_member, mailbox)
    pc = handset("pc-Firefox")
    answers = []
    for n in range(30):
        page = pc.get(link)
        answers.append(pc.submit(page, {**PROFILE, "mobile_email": f"victim{n}@docomo.ne.jp"}))
    mailed = [m for m in mailbox.messages() if m["To"].startswith("victim")]
    assert len(mailed) == 3
    assert "確認メールの送信が続いたため" in answers[-1].text
    # only the last mobile address is pending: the earlier links are dead
    phone = handset("docomo-P903i")
    assert "すでに使われています" in phone.text(phone.get(mail_link(mailed[0])))
    last = phone.get(mail_link(mailed[-1]))
    assert phone.submit(last).status_int == 302


def test_one_client_cannot_flood_handsets_through_many_invitations(
        app, handset, create_member, mailbox) -> None:
    create_member(email="hanako@example.com", nickname="はなこ")
    inviter = handset("pc-Firefox", remote_addr="203.0.113.50")
    log_in(inviter, "hanako@example.com")
    links = []
    for n in range(6):
        inviter.submit(inviter.get("/invite"), {"email": f"pc{n}@example.net", "knows": "yes"})
        links.append(mail_link(mailbox.messages(f"pc{n}@example.net")[0]))
    attacker = handset("pc-Firefox")
    for n, link in enumerate(links):
        for m in range(3):
            attacker.submit(attacker.get(link),
                            {**PROFILE, "mobile_email": f"v{n}-{m}@docomo.ne.jp"})
    mailed = [m for m in mailbox.messages() if m["To"].startswith("v")]
    assert len(mailed) == 10  # the hourly limit of one client address


def test_a_nickname_in_mail_cannot_pose_as_the_site(app, handset, create_member,
                                                    mailbox) -> None:
    create_member(email="hanako@example.com", nickname="運営 http://ev.il/")
    invite(handset, "hanako@example.com", "taro@docomo.ne.jp")
    [message] = mailbox.messages("taro@docomo.ne.jp")
    body = message.get_content()
    assert "http://ev.il" not in body and "ev.il/" not in body
    assert "「運営 http：／／ev．il／」さんが" in body
    assert re.findall(r"https?://\S+", body) == [mail_link(message)]  # only our link
    assert message["Subject"].startswith("「運営")


def test_a_long_mail_reaches_a_strict_mail_server_whole(app, handset, create_member,
                                                        mailbox) -> None:
    # SMTP lines end in CRLF; bare LFs made one line of a whole mail, and a strict server
    # refused any mail longer than 1000 bytes
    create_member(email="taro@example.com", nickname="たろう" * 6)
    pc = handset("pc-Firefox")
    pc.submit(pc.get("/login/unlock"), {"email": "taro@example.com"})
    [message] = mailbox.messages("taro@example.com")
    assert len(message.as_bytes()) > 1000
    assert message.get_content().endswith("ログイン後に変更してください。\n")


def registrations(app) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    with app.app_context():
        return sorted((row.carrier, row.model) for row in
                      db.session.scalars(select(RegisteredHandset)))


def member_with_two_handsets(app, handset, create_member):  # type: ignore[no-untyped-def]
    create_member(email=ADDRESSES["au"], mobile_email=None)
    au = handset("au-W53CA")
    log_out(au, register(au, ADDRESSES["au"]))
    softbank = handset("softbank-930SH")
    log_out(softbank, register(softbank, ADDRESSES["au"]))
    assert len(registrations(app)) == 2
    return au, softbank


def test_a_password_reset_removes_every_easy_login_and_ends_every_session(
        app, handset, create_member, mailbox) -> None:
    au, softbank = member_with_two_handsets(app, handset, create_member)
    thief = handset("pc-Firefox")
    log_in(thief, ADDRESSES["au"])
    assert "たろうさん" in thief.get("/").text
    pc = handset("pc-Firefox")
    pc.submit(pc.get("/password/forgot"), {"email": ADDRESSES["au"]})
    reset = au.get(mail_link(mailbox.messages(ADDRESSES["au"])[-1]))
    assert "パスワードを変更しました" in au.text(au.submit(reset, {"new": "atarashii-2009"}))
    assert registrations(app) == []
    assert "たろうさん" not in thief.get("/").text
    assert "登録されていません" in softbank.text(one_tap(softbank))
    assert [record for record in stored_sessions(app) if record.member_id is not None] == []


def test_a_password_change_keeps_easy_login_only_on_the_handset_in_hand(
        app, handset, create_member) -> None:
    au, softbank = member_with_two_handsets(app, handset, create_member)
    top = log_in(au, ADDRESSES["au"]).follow()
    page = au.click(au.click(top, "設定"), "パスワード")
    done = au.submit(page, {"current": PASSWORD, "new": "atarashii-2009"})
    assert done.status_int == 302
    assert registrations(app) == [("au", "CA39")]
    assert "登録されていません" in softbank.text(one_tap(softbank))
    log_out(au, au.get("/"))
    assert one_tap(au).status_int == 302  # the handset in hand still logs in with one tap


def test_a_url_token_does_not_work_on_another_handset_of_the_same_model(
        app, handset, create_member) -> None:
    create_member(email=ADDRESSES["docomo"])
    owner = handset("docomo-P903i")  # cookie-less: the token is in every URL
    top = log_in(owner, ADDRESSES["docomo"]).follow()
    token = re.search(r"ksid=([\w-]+)", owner.text(top)).group(1)
    assert "たろうさん" in owner.text(owner.get(f"/?guid=ON&ksid={token}"))
    other = handset("docomo-P903i", subscriber_id="ZzZ9876")  # same model, other i-mode ID
    assert "たろうさん" not in other.text(other.get(f"/?guid=ON&ksid={token}"))
    withheld = handset("docomo-P903i", send_ids=False)  # its owner turned the ID off
    assert "たろうさん" not in withheld.text(withheld.get(f"/?guid=ON&ksid={token}"))
    assert "たろうさん" in owner.text(owner.get(f"/?guid=ON&ksid={token}"))


def test_a_session_made_before_the_id_arrived_is_bound_when_it_does(app, handset,
                                                                    create_member) -> None:
    create_member(email=ADDRESSES["docomo"])
    owner = handset("docomo-P903i")
    page = owner.get("/login")  # no guid=ON yet: the session starts without the i-mode ID
    done = owner.submit(page, {"email": ADDRESSES["docomo"], "password": PASSWORD})
    token = re.search(r"ksid=([\w-]+)", done.headers["Location"]).group(1)
    other = handset("docomo-P903i", subscriber_id="ZzZ9876")
    assert "たろうさん" not in other.text(other.get(f"/?guid=ON&ksid={token}"))
    assert "たろうさん" in owner.text(owner.get(f"/?guid=ON&ksid={token}"))
    assert SUBSCRIBER_IDS["docomo"] not in repr(stored_bindings(app))


def stored_bindings(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [record.binding for record in stored_sessions(app)]
