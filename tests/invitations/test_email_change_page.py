"""The page after a confirmed address change names the address confirmed, and what it is now:
the login address, the mobile address, or both."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from keitai.db import db
from keitai.models import Member
from tests.accounts.conftest import PASSWORD, log_in, mail_link

pytestmark = pytest.mark.stores


def change_to(handset, login: str, address: str, profile: str = "pc-Firefox"):  # type: ignore[no-untyped-def]
    """Ask for the change logged in on a handset: the form under 設定."""
    client = handset(profile)
    settings = client.click(log_in(client, login).follow(), "設定")
    form = client.click(settings, "メールアドレスの変更")
    sent = client.submit(form, {"email": address, "password": PASSWORD})
    assert f"{address} に確認のメールを送りました" in client.text(sent)


def confirm(handset, mailbox, address: str, profile: str):  # type: ignore[no-untyped-def]
    """Open the mailed link on a handset and press 変更する; return the page's text."""
    client = handset(profile)
    link = mail_link(mailbox.messages(address)[-1])
    return client.text(client.submit(client.get(link)))


def addresses(app) -> tuple[str, str | None]:
    """Return the one member's login and mobile addresses."""
    with app.app_context():
        member = db.session.scalars(select(Member)).one()
        return member.email, member.mobile_email


def test_a_new_handset_address_of_a_pc_member_is_shown_as_the_mobile_one(
        app, handset, create_member, mailbox) -> None:
    create_member(email="taro@example.com", mobile_email="taro@docomo.ne.jp")
    change_to(handset, "taro@example.com", "taro@ezweb.ne.jp")
    page = confirm(handset, mailbox, "taro@ezweb.ne.jp", "au-W53CA")
    assert "携帯電話のメールアドレスを taro@ezweb.ne.jp に変更しました" in page
    assert "ログインには今までどおり taro@example.com を使います" in page
    assert "taro@example.com に変更しました" not in page
    assert addresses(app) == ("taro@example.com", "taro@ezweb.ne.jp")


def test_a_handset_member_whose_login_is_the_handset_address_sees_both_changed(
        app, handset, create_member, mailbox) -> None:
    create_member(email="taro@docomo.ne.jp", mobile_email="taro@docomo.ne.jp")
    change_to(handset, "taro@docomo.ne.jp", "taro@softbank.ne.jp", "docomo-P903i")
    page = confirm(handset, mailbox, "taro@softbank.ne.jp", "softbank-930SH")
    assert "ログイン用と携帯電話のメールアドレスを taro@softbank.ne.jp に変更しました" in page
    assert addresses(app) == ("taro@softbank.ne.jp", "taro@softbank.ne.jp")


def test_a_new_pc_address_is_shown_as_the_login_one(app, handset, create_member,
                                                    mailbox) -> None:
    create_member(email="taro@example.com", mobile_email="taro@docomo.ne.jp")
    change_to(handset, "taro@example.com", "taro@example.org")
    page = confirm(handset, mailbox, "taro@example.org", "pc-Firefox")
    assert "ログイン用のメールアドレスを taro@example.org に変更しました" in page
    assert addresses(app) == ("taro@example.org", "taro@docomo.ne.jp")
