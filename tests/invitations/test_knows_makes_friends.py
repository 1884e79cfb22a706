"""The answer to "do you know this person?": yes makes the inviter and the new member friends
the moment the sign-up completes, on both ways in, and both are told; no makes nothing."""
from __future__ import annotations

import pytest

from tests.accounts.conftest import mail_link
from tests.accounts.test_signup_as_a_handset import PROFILE
from tests.invitations.conftest import (
    friend_count,
    friends_of,
    invite_from,
    sign_up,
    told,
)
from tests.social.conftest import befriend, recount

pytestmark = pytest.mark.stores
JOINED = "じろうさんが招待に応じて登録し、マイミクになりました"


def new_member_id(app, address: str) -> int:
    """Return the id of the member whose login address is address."""
    from sqlalchemy import select

    from keitai.db import db
    from keitai.models import Member

    with app.app_context():
        return db.session.scalars(select(Member.id).where(Member.email == address)).one()


@pytest.mark.parametrize("name", ["docomo-N505i", "au-W53CA", "softbank-930SH"])
def test_yes_makes_friends_when_the_handset_signs_up_from_its_own_address(
        app, create_member, logged_in, mailbox, handset, notified, name) -> None:
    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    invite_from(logged_in("pc-Firefox", hanako), "jiro@docomo.ne.jp", knows="yes")
    phone = handset(name)
    done = sign_up(phone, mail_link(mailbox.messages("jiro@docomo.ne.jp")[0]))
    top = done.follow()
    home = phone.text(top)
    assert "登録が完了しました" in home and "はなこさんとマイミクになりました" in home

    jiro = new_member_id(app, "jiro@docomo.ne.jp")
    assert friends_of(app, hanako) == {jiro} and friends_of(app, jiro) == {hanako}
    assert friend_count(app, hanako) == 1 and friend_count(app, jiro) == 1
    assert told(app, hanako) == [JOINED] and told(app, jiro) == []
    assert notified == [(hanako, "friend_joined", "profile.show", {"member_id": jiro}, jiro)]
    # the new member finds the inviter among their friends, the inviter finds them joined
    friends_page = phone.text(phone.click(top, "マイミク"))
    assert f'<a href="/members/{hanako}' in friends_page and "はなこ" in friends_page
    listed = logged_in("pc-Firefox", hanako)
    assert f'<a href="/members/{jiro}">じろう</a>さん' in listed.text(listed.get("/invite"))


def test_yes_makes_friends_when_a_pc_sign_up_is_completed_on_the_handset(
        app, create_member, logged_in, mailbox, handset, notified) -> None:
    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    befriend(app, hanako, create_member(email="tomo@example.com", nickname="とも"))
    recount(app, hanako)
    invite_from(logged_in("docomo-P903i", hanako), "jiro@example.net", knows="yes")
    pc = handset("pc-Firefox")
    pc.submit(pc.get(mail_link(mailbox.messages("jiro@example.net")[0])),
              {**PROFILE, "nickname": "じろう", "mobile_email": "jiro@ezweb.ne.jp"})
    jiro_before = friends_of(app, hanako)
    assert len(jiro_before) == 1  # nothing yet: the mobile address is not checked
    phone = handset("au-W53CA")
    done = phone.submit(phone.get(mail_link(mailbox.messages("jiro@ezweb.ne.jp")[0])))
    assert "はなこさんとマイミクになりました" in phone.text(done.follow())

    jiro = new_member_id(app, "jiro@example.net")
    assert jiro in friends_of(app, hanako) and friends_of(app, jiro) == {hanako}
    assert friend_count(app, hanako) == 2 and friend_count(app, jiro) == 1
    assert told(app, hanako) == [JOINED]
    assert [call[:2] for call in notified] == [(hanako, "friend_joined")]


def test_no_makes_no_friendship_but_the_new_member_sees_who_invited_them(
        app, create_member, logged_in, mailbox, handset, notified) -> None:
    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    invite_from(logged_in("pc-Firefox", hanako), "jiro@softbank.ne.jp", knows="no")
    phone = handset("softbank-930SH")
    home = phone.text(sign_up(phone, mail_link(
        mailbox.messages("jiro@softbank.ne.jp")[0])).follow())
    assert "登録が完了しました" in home and "はなこさんの招待で登録しました" in home
    assert "マイミクになりました" not in home
    jiro = new_member_id(app, "jiro@softbank.ne.jp")
    assert friends_of(app, hanako) == set() and friends_of(app, jiro) == set()
    assert told(app, hanako) == [] and notified == []


def test_an_inviter_at_the_friend_limit_gets_no_friend_and_the_sign_up_goes_on(
        app, create_member, logged_in, mailbox, handset, notified) -> None:
    app.config["FRIEND_LIMIT"] = 2
    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    befriend(app, hanako, create_member(email="a@example.com", nickname="あ"),
             create_member(email="b@example.com", nickname="い"))
    recount(app, hanako)
    invite_from(logged_in("pc-Firefox", hanako), "jiro@docomo.ne.jp", knows="yes")
    phone = handset("docomo-P903i")
    done = sign_up(phone, mail_link(mailbox.messages("jiro@docomo.ne.jp")[0]))
    assert done.status_int == 302
    home = phone.text(done.follow())
    assert "登録が完了しました" in home and "はなこさんの招待で登録しました" in home
    jiro = new_member_id(app, "jiro@docomo.ne.jp")
    assert jiro not in friends_of(app, hanako) and friends_of(app, jiro) == set()
    assert friend_count(app, hanako) == 2
    assert told(app, hanako) == ["じろうさんが招待に応じて登録しました。"
                                 "マイミクが上限に達しているため、マイミクにはなっていません。"]
    assert notified == []


def test_a_celebrity_inviter_has_no_friend_limit(app, create_member, logged_in, mailbox,
                                                 handset, notified) -> None:
    from keitai.db import db
    from keitai.models import Member

    app.config["FRIEND_LIMIT"] = 1
    hanako = create_member(email="hanako@example.com", nickname="はなこ")
    befriend(app, hanako, create_member(email="a@example.com", nickname="あ"))
    recount(app, hanako)
    with app.app_context():
        db.session.get(Member, hanako).is_celebrity = True
        db.session.commit()
    invite_from(logged_in("pc-Firefox", hanako), "jiro@ezweb.ne.jp", knows="yes")
    phone = handset("au-W53CA")
    sign_up(phone, mail_link(mailbox.messages("jiro@ezweb.ne.jp")[0]))
    jiro = new_member_id(app, "jiro@ezweb.ne.jp")
    assert jiro in friends_of(app, hanako) and friend_count(app, hanako) == 2
