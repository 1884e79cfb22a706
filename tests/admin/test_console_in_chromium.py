"""The console in Chromium, as an operator uses it: log in with password and TOTP, open the
reports queue and a reported diary, hide it, suspend its author; the author's handset is
then told why and until when."""
from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from keitai.db import db
from keitai.models import Member
from keitai.moderation import bans, items
from simulator.server import ServerThread
from tests.accounts.conftest import PASSWORD
from tests.admin.conftest import Clock, Operator
from tests.admin.test_actions import reported_diary
from tests.handsets import client_for

REASON = "宣伝の書き込みを繰り返したため"


@pytest.fixture()
def live_console(app: Flask) -> Iterator[str]:
    """Serve the app on a free port of 127.0.0.1, the console open to 127.0.0.1."""
    app.config["ADMIN_NETWORKS"] = ["127.0.0.1/32"]
    server = ServerThread(app, quiet=True).start()
    yield server.url
    server.stop()


@pytest.fixture()
def tab(chromium: Browser) -> Iterator[Page]:
    """A fresh PC browser tab."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_an_operator_hides_a_reported_diary_and_suspends_its_author(
        app: Flask, live_console: str, tab: Page, operator: Callable[..., Operator],
        clock: Clock, create_member: Callable[..., int]) -> None:
    author = create_member(email="kaku@docomo.ne.jp", nickname="かくひと")
    diary_id = reported_diary(app, author, [create_member(email="r@example.com")])
    who = operator(nickname="かんりにん")

    tab.goto(live_console + "/admin/login")
    tab.get_by_label("ログインのメールアドレス").fill(who.email)
    tab.get_by_label("パスワード").fill(PASSWORD)
    tab.get_by_role("button", name="次へ").click()
    tab.get_by_label("確認コード").fill(who.code(clock))
    tab.get_by_role("button", name="ログイン").click()
    expect(tab.get_by_role("heading", name="管理画面")).to_be_visible()

    tab.get_by_role("navigation").get_by_role("link", name="通報").click()
    expect(tab.locator("table")).to_contain_text("1件")
    tab.locator(f'a[href="/admin/items/diary/{diary_id}"]').click()
    expect(tab.locator("main")).to_contain_text("宣伝ばかりです")

    hide = tab.locator("form", has=tab.get_by_role("button", name="非表示にする"))
    hide.get_by_label("理由(必須)").fill(REASON)
    hide.get_by_role("button", name="非表示にする").click()
    expect(tab.get_by_role("status")).to_have_text("非表示にしました。")
    with app.app_context():
        found = items.load("diary", diary_id)
        assert found is not None and found.hidden
        db.session.remove()

    tab.get_by_role("link", name="かくひと(#" + str(author) + ")").click()
    suspend = tab.locator("form", has=tab.get_by_role("button", name="利用停止にする"))
    suspend.get_by_label("日数").fill("3")
    suspend.get_by_label("理由(必須、本人に表示)").fill(REASON)
    suspend.get_by_role("button", name="利用停止にする").click()
    expect(tab.get_by_role("status")).to_have_text("利用停止にしました。")
    expect(tab.locator("main")).to_contain_text(REASON)

    # the author's handset: the right password, and the page says why and until when
    with app.app_context():
        member = db.session.get(Member, author)
        assert member is not None and member.suspended_until is not None
        until = bans.until_text(member.suspended_until)
        db.session.remove()
    phone = client_for(app, "docomo-P903i")
    answer = phone.submit(phone.get("/login"), {"email": "kaku@docomo.ne.jp",
                                                "password": PASSWORD})
    text = phone.text(answer)
    assert REASON in text and until in text
