"""A member's first day end to end (issue #6): invited by mail, signed up on a docomo N505i,
easy login, a diary with ☀ read on an au W53CA; in Chromium, and as a replayed script."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from sqlalchemy import select

from keitai.cli import main as keitai
from keitai.db import db
from keitai.models import Diary
from simulator.mailbox import running
from simulator.profiles import ProfileStore
from simulator.replay import replay
from simulator.script import parse_script
from tests.outbox import run_jobs
from tests.simulator.driver import SimulatorDriver, expect
from tests.simulator.live import Stack, free_port

JOURNEY = Path(__file__).with_name("scripts") / "journey.txt"
#: the replay's default target, and so the app's address in mail
SITE = "http://keitai.test"
ADDRESS = "taro@docomo.ne.jp"
PASSWORD = "mizu-2008"
BODY = "今日は晴れ☀ 散歩に行きました。"
#: how long Playwright waits for a page or a text: generous, as the machine is shared
PATIENCE_MS = 60_000


def invite_as_operator(database_url: str, smtp_url: str, base_url: str, address: str) -> str:
    """Run `keitai invite ADDRESS` against that database and mail server; return the link."""
    result = CliRunner().invoke(keitai, ["invite", address], env={
        "KEITAI_DATABASE_URL": database_url, "KEITAI_SMTP_URL": smtp_url,
        "KEITAI_BASE_URL": base_url})
    assert result.exit_code == 0, result.output
    return result.output.split()[-1]


def give_mail_address(profiles: ProfileStore, handset: str, address: str) -> None:
    """Make address the mail address of a handset profile, as the 端末 page does."""
    profile = profiles.get(handset)
    assert profile is not None, handset
    profiles.save(replace(profile, mail=address))


def shown(tester: SimulatorDriver, text: str) -> None:
    """Check the screen shows text, and write it into the recorded script as an expect step."""
    expect(tester.screen_body).to_contain_text(text)
    tester.add_expect(text)
    tester.page.wait_for_function("() => Boolean(document.body.dataset.page)")


def sun_on_screen(tester: SimulatorDriver, carrier_code: str) -> None:
    """Check the screen draws the sun as a picture whose title names the carrier's code."""
    sun = tester.screen.locator(".sim-emoji", has_text="☀").first
    title = re.compile(rf"^{carrier_code} / U\+[0-9A-F]{{4}} 晴れ")  # the carrier's own code
    expect(sun).to_have_attribute("title", title)
    assert sun.evaluate("e => getComputedStyle(e).fontFamily").startswith('"Noto Color Emoji"')


@pytest.fixture()
def patient_tester(tester: SimulatorDriver) -> Iterator[SimulatorDriver]:
    """Give the tester, waiting up to PATIENCE_MS for every page and every expect()."""
    tester.page.set_default_timeout(PATIENCE_MS)
    expect.set_options(timeout=PATIENCE_MS)
    yield tester
    expect.set_options(timeout=None)


@pytest.mark.slow
def test_a_member_signs_up_on_an_n505i_logs_in_with_one_tap_and_reads_the_diary_on_au(
        patient_tester: SimulatorDriver, stack: Stack) -> None:
    tester = patient_tester
    invite_as_operator(f"sqlite:///{stack.data_dir.parent / 'keitai.sqlite3'}",
                       f"smtp://127.0.0.1:{stack.smtp_port}", stack.app_url, ADDRESS)
    tester.page.goto(f"{tester.url}/handsets/docomo-N505i")
    tester.page.fill("#mail", ADDRESS)
    with tester.page.expect_navigation():
        tester.page.click("text=保存")
    tester.start("docomo-N505i")
    expect(tester.page.locator(".panel", has_text="この端末")).to_contain_text(ADDRESS)
    tester.record()

    # the operator's invitation, read in the mailbox and opened on the handset owning the address
    mail = tester.read_mail("けいたいSNSへの招待")
    expect(mail).to_contain_text("あなたをけいたいSNSに招待しています。")
    tester.screenshot("journey-1-invitation-mail")
    tester.open_mail_link(1)
    expect(tester.page.locator("#handset-select")).to_have_value("docomo-N505i")
    expect(tester.page.locator("#page-charset")).to_have_text(re.compile("shift_jis", re.I))
    shown(tester, "新規登録")
    tester.fill("nickname", "たろう")
    tester.fill("real_name", "山田太郎")
    tester.fill("birth_year", "1985")
    tester.fill("birth_month", "4")
    tester.fill("birth_day", "1")
    tester.fill("password", PASSWORD)
    tester.screen.locator('[name="agree"]').check()
    tester.screenshot("journey-2-signup-form")
    tester.submit()
    shown(tester, "登録が完了しました")
    shown(tester, "たろうさんのホーム")
    expect(tester.page.locator("#address")).to_have_value(re.compile(r"[?&]ksid="))  # no cookies
    tester.screenshot("journey-3-n505i-home")

    # easy login: 8 設定, 3 かんたんログイン, the password again; the i-mode ID goes on guid=ON
    tester.press("8")
    tester.press("3")
    tester.fill("password", PASSWORD)
    tester.submit()
    shown(tester, "この端末を登録しました")
    shown(tester, "N505i(iモードID)")
    tester.screenshot("journey-4-easy-login-registered")

    # log out (9 設定に戻る, the back key; 7 ログアウト), then one tap on the bookmarked
    # easy-login page
    tester.press("9")
    tester.press("7")
    tester.submit()
    shown(tester, "ようこそ")
    tester.open("/easy_login?guid=ON")
    tester.submit("かんたんログイン")
    shown(tester, "たろうさんのホーム")

    # 1 日記を書く, the sun typed as the emoji: the N505i sends it as docomo's F89F
    tester.press("1")
    tester.fill("title", "晴れの日")
    tester.fill("body", BODY)
    tester.submit()
    shown(tester, "今日は晴れ☀")
    sun_on_screen(tester, "docomo F89F")
    tester.screenshot("journey-5-diary-on-n505i")

    # the same member on an au W53CA, which opens the top page: 1 ログイン, then 5 プロフィール,
    # 5 日記, the diary; the page brings au's F660
    tester.pick("au-W53CA")
    shown(tester, "ようこそ")
    tester.press("1")
    tester.fill("email", ADDRESS)
    tester.fill("password", PASSWORD)
    tester.submit("ログイン")
    shown(tester, "たろうさんのホーム")
    tester.press("5")
    tester.press("5")
    tester.follow("晴れの日")
    shown(tester, "今日は晴れ☀")
    sun_on_screen(tester, "au F660")
    tester.screenshot("journey-6-diary-on-au")  # docs/journey.png is a copy of this one

    # what the recorder wrote is the committed script
    tester.stop_recording()
    recorded = tester.page.request.get(f"{tester.url}/script/script.txt").text()
    assert [str(step) for step in parse_script(recorded)] == [
        str(step) for step in parse_script(JOURNEY.read_text(encoding="utf-8"))]


def test_the_recorded_journey_replays_against_the_app_with_a_real_mailbox(
        app: Flask, tmp_path: Path) -> None:
    port = free_port()
    smtp_url = f"smtp://127.0.0.1:{port}"
    app.config.update(SMTP_URL=smtp_url, BASE_URL=SITE, ARGON2_TIME_COST=1,
                      ARGON2_MEMORY_KIB=1024)
    give_mail_address(ProfileStore(tmp_path / "simulator" / "profiles.json"), "docomo-N505i",
                      ADDRESS)
    with running(tmp_path / "mailbox", port=port):
        link = invite_as_operator(app.config["DATABASE_URL"], smtp_url, SITE, ADDRESS)
        run_jobs(app)  # the worker sends the queued invitation
        player = replay(JOURNEY, app=app, data_dir=tmp_path / "simulator",
                        mailbox_dir=tmp_path / "mailbox")

    assert link.startswith(f"{SITE}/signup?t=") and link.endswith("&guid=ON")
    written = next(r.page_id for r in player.results if r.step.args == ("今日は晴れ☀",))
    on_n505i = player.sim.browser("docomo-N505i").page(written or 0)
    assert on_n505i is not None and b"\xf8\x9f" in on_n505i.exchange.body
    on_au = player.page
    assert on_au is not None and on_au.profile.name == "au-W53CA"
    assert b"\xf6\x60" in on_au.exchange.body
    with app.app_context():
        assert db.session.scalars(select(Diary.body)).one() == BODY
