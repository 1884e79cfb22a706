"""Easy login: register the handset in hand, then log in with one tap, per carrier."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from keitai.db import db
from keitai.models import Base, RegisteredHandset
from tests.accounts.conftest import PASSWORD, log_in
from tests.handsets import FOMA_SERIAL, MOVA_SERIAL, SUBSCRIBER_IDS, page_forms

ADDRESSES = {"docomo": "taro@docomo.ne.jp", "au": "taro@ezweb.ne.jp",
             "softbank": "taro@softbank.ne.jp"}


def register(client, email: str):  # type: ignore[no-untyped-def]
    """Log in with the password and register this handset; return the settings page."""
    top = log_in(client, email).follow()
    page = client.click(client.click(top, "設定"), "かんたんログイン")
    return client.submit(page, {"password": PASSWORD}, index=-1)


def log_out(client, page) -> None:  # type: ignore[no-untyped-def]
    """Log out from the top page, reached by the page's footer link."""
    if "ログアウト" not in client.text(page):
        page = client.click(page, "トップ")
    client.submit(client.click(page, "ログアウト"))


def one_tap(client, path: str = "/", **kwargs):  # type: ignore[no-untyped-def]
    """Open a page as a visitor and press its easy-login button; return the answer."""
    return client.submit(client.get(path), **kwargs)


def stored(app) -> list[RegisteredHandset]:  # type: ignore[no-untyped-def]
    with app.app_context():
        return list(db.session.scalars(select(RegisteredHandset)))


@pytest.mark.parametrize("name, model", [
    ("docomo-P903i", "P903i"), ("docomo-N06A", "N06A"), ("au-W53CA", "CA39"),
    ("au-C5001T", "TS21"), ("softbank-930SH", "930SH"), ("softbank-V602T", "V602T")])
def test_a_registered_handset_logs_in_with_one_tap(app, handset, create_member, name: str,
                                                   model: str) -> None:
    phone = handset(name)
    create_member(email=ADDRESSES[phone.profile.carrier])
    done = register(phone, ADDRESSES[phone.profile.carrier])
    assert "この端末を登録しました" in phone.text(done)
    assert f"1. {model}(" in phone.text(done)
    log_out(phone, done)
    assert "たろうさん" not in phone.text(phone.get("/"))
    answer = one_tap(phone, "/?guid=ON")
    assert answer.status_int == 302
    assert "たろうさん" in phone.text(answer.follow())
    [row] = stored(app)
    assert row.carrier == phone.profile.carrier and row.id_kind == "subscriber_id"
    assert len(row.id_hash) == 64 and row.last_used_at is not None


def test_terminal_ids_are_stored_only_as_keyed_hashes(app, handset, create_member) -> None:
    for carrier in ("docomo", "au", "softbank"):
        create_member(email=ADDRESSES[carrier], nickname=carrier)
    for name in ("docomo-P903i", "au-W53CA", "softbank-930SH"):
        phone = handset(name)
        register(phone, ADDRESSES[phone.profile.carrier])
    with app.app_context(), db.engine.connect() as conn:
        dump = repr([conn.execute(table.select()).all() for table in Base.metadata.sorted_tables])
    for ident in SUBSCRIBER_IDS.values():
        assert ident not in dump
    assert len(stored(app)) == 3


@pytest.mark.parametrize("name, kind", [("docomo-N505i", "serial"), ("docomo-P903i", "card_id")])
def test_a_docomo_handset_without_i_mode_id_uses_its_serial_from_a_utn_form(
        app, handset, create_member, name: str, kind: str) -> None:
    create_member(email="taro@docomo.ne.jp")
    phone = handset(name, send_ids=False)
    done = register(phone, "taro@docomo.ne.jp")
    assert "この端末を登録しました" in phone.text(done)
    assert stored(app)[0].id_kind == kind
    log_out(phone, done)
    top = phone.get("/")
    assert " utn" in phone.text(top)  # the button asks the handset for its serial
    assert "たろうさん" in phone.text(one_tap(phone).follow())
    declined = one_tap(phone, send_serial=False)
    assert "送信の確認が出たら「はい」を選ぶ" in phone.text(declined)
    assert MOVA_SERIAL[4:] not in repr(stored(app)) and FOMA_SERIAL[4:19] not in repr(stored(app))


def test_the_easy_login_button_does_not_ask_for_the_serial_when_the_i_mode_id_came(
        handset) -> None:
    page = handset("docomo-P903i").get("/?guid=ON")
    form = page.body.decode("cp932").split("<form")[1]
    assert 'action="/easy_login?guid=ON"' in form and "utn" not in form


@pytest.mark.parametrize("name, words", [
    ("docomo-P903i", "iモードIDが送られてきませんでした。iモードの設定でiモードIDを"),
    ("au-W53CA", "EZ番号(サブスクライバID)が送られてきませんでした。EZwebの設定で"),
    ("softbank-930SH", "ユーザIDが送られてきませんでした。ブラウザの設定でユーザIDを"),
])
def test_a_handset_that_sends_no_id_is_told_how_to_turn_it_on(handset, name: str,
                                                               words: str) -> None:
    phone = handset(name, send_ids=False)
    answer = phone.text(one_tap(phone, send_serial=False))
    assert words in answer and "通知する" in answer
    assert "メールアドレスでログイン" in answer


def test_an_unregistered_handset_is_told_to_register_first(handset, create_member) -> None:
    phone = handset("au-W53CA")
    answer = phone.text(one_tap(phone))
    assert "この端末はかんたんログインに登録されていません" in answer
    assert "設定の「かんたんログイン」で登録してください" in answer


def test_easy_login_is_refused_from_outside_the_gateway(handset, create_member) -> None:
    create_member(email="taro@ezweb.ne.jp")
    register(handset("au-W53CA"), "taro@ezweb.ne.jp")
    outside = handset("au-W53CA", via_gateway=False)
    answer = outside.text(one_tap(outside))
    assert "かんたんログインはEZwebの接続からだけ使えます" in answer
    assert "たろうさん" not in outside.text(outside.get("/"))


@pytest.mark.parametrize("name", ["pc-Firefox", "smartphone-iPhone", "willcom-WX310SA"])
def test_browsers_without_easy_login_get_no_button_and_a_refusal(handset, name: str) -> None:
    client = handset(name)
    assert "かんたんログイン" not in client.text(client.get("/"))
    login_form = page_forms(client.get("/login"))[0]
    answer = client.text(client.post("/easy_login", login_form.fields))
    assert "かんたんログインは携帯電話(iモード・EZweb・Yahoo!ケータイ)のブラウザから" in answer


def test_registering_needs_a_password_login_and_the_password(handset, create_member) -> None:
    create_member(email="taro@ezweb.ne.jp")
    phone = handset("au-W53CA")
    done = register(phone, "taro@ezweb.ne.jp")
    wrong = phone.submit(done, {"password": "nope"}, index=-1)
    assert "パスワードが違います" in phone.text(wrong)
    log_out(phone, done)
    easy = one_tap(phone).follow()
    page = phone.click(phone.click(easy, "設定"), "かんたんログイン")
    refused = phone.submit(page, {"password": PASSWORD}, index=-1)
    assert "メールアドレスとパスワードでログインし直してください" in phone.text(refused)


def test_a_handset_registered_to_one_member_cannot_be_registered_to_another(
        app, handset, create_member) -> None:
    create_member(email="taro@ezweb.ne.jp")
    create_member(email="hanako@ezweb.ne.jp", nickname="はなこ")
    register(handset("au-W53CA"), "taro@ezweb.ne.jp")
    phone = handset("au-W53CA")
    again = register(phone, "taro@ezweb.ne.jp")
    assert "この端末はすでに登録されています" in phone.text(again)
    other = handset("au-W53CA")
    refused = register(other, "hanako@ezweb.ne.jp")
    assert "この端末は別のアカウントに登録されています" in other.text(refused)
    assert len(stored(app)) == 1


def test_a_removed_handset_no_longer_logs_in(app, handset, create_member) -> None:
    create_member(email="taro@softbank.ne.jp")
    phone = handset("softbank-930SH")
    done = register(phone, "taro@softbank.ne.jp")
    assert "930SH" in phone.text(done)
    phone.submit(done, index=0)  # the first form removes the first registered handset
    assert stored(app) == []
    log_out(phone, phone.get("/"))
    assert "登録されていません" in phone.text(one_tap(phone))
