"""The tester's tools in Chromium: typing with the keypad (multi-tap), the multi-tap tables,
a login POST in the history with its password masked, clearing a logged-in handset's cookies
and session, and the User-Agent the gateway sent."""
from __future__ import annotations

import re
from typing import Any

import pytest
from click.testing import CliRunner
from playwright.sync_api import Frame

from keitai.cli import main as keitai
from simulator.ui.main import KEYS
from tests.simulator.driver import SimulatorDriver, expect
from tests.simulator.live import Stack

pytestmark = pytest.mark.slow

ADDRESS = "hanako@example.com"
PASSWORD = "mizu-2008"


def screen_frame(tester: SimulatorDriver) -> Frame:
    """Return the phone screen's frame, to run the screen's scripts in."""
    frame = tester.page.frame(name="screen")
    assert frame is not None
    return frame


#: press keys with the multi-tap tables alone ("|" is a pause: the letter is committed)
TYPE = """([mode, keys]) => {
  let state = {value: "", caret: 0, pending: null};
  for (const key of keys) {
    if (key === "|") { state.pending = null; continue; }
    state = simMultitap.type(mode, state.pending, key, state.value, state.caret);
  }
  return state.value;
}"""


def typed(frame: Frame, mode: str, keys: str) -> Any:
    """Return what pressing keys types in a field of that mode."""
    return frame.evaluate(TYPE, [mode, keys])


def test_the_multitap_tables_type_each_keys_row_and_marks(tester: SimulatorDriver) -> None:
    tester.start("docomo-N505i")
    frame = screen_frame(tester)
    rows = frame.evaluate("simMultitap.KANA")
    assert {key: rows[key][0] for key, _kana, _letters in KEYS if key in "1234567890"} == {
        key: kana for key, kana, _letters in KEYS if key in "1234567890"}  # as printed
    assert rows["1"] == "あいうえおぁぃぅぇぉ" and rows["0"] == "わをんゎー"
    cases = {
        ("hiragana", "222"): "く", ("hiragana", "2*"): "が", ("hiragana", "22|2"): "きか",
        ("hiragana", "6*"): "ば", ("hiragana", "6**"): "ぱ", ("hiragana", "6***"): "は",
        ("hiragana", "444*"): "っ", ("hiragana", "444**"): "づ", ("hiragana", "8888"): "ゃ",
        ("hiragana", "1" * 11): "あ", ("hiragana", "0000"): "ゎ", ("hiragana", "##"): "。",
        ("hiragana", "*"): "", ("hiragana", "5*"): "な", ("katakana", "222*"): "グ",
        ("alphanumeric", "2222"): "A", ("alphanumeric", "22*"): "B", ("alphanumeric", "11"): "@",
        ("alphanumeric", "2|2"): "aa", ("numeric", "2*#0"): "2*#0",
    }
    assert {case: typed(frame, *case) for case in cases} == cases
    assert frame.evaluate("[simMultitap.modeOf('password', ''), simMultitap.modeOf('text', 'カナ'),"
                          " simMultitap.modeOf('text', ''), simMultitap.modeOf('tel', '')]") == [
        "alphanumeric", "katakana", "hiragana", "numeric"]


def test_the_keypad_types_kana_into_a_field_and_is_access_keys_again_when_off(
        tester: SimulatorDriver) -> None:
    tester.start("docomo-N505i")
    tester.open("/handset")
    tester.page.check("#multitap")
    field = tester.screen.locator('[name="sample"]')
    field.fill("")
    for key in "222":
        tester.tap(key)
    expect(field).to_have_value("く")
    expect(tester.screen.locator('[name="sample"][data-sim-pending]')).to_have_count(0)  # pause
    tester.tap("2")
    expect(field).to_have_value("くか")
    tester.tap("*")
    expect(field).to_have_value("くが")
    tester.screenshot("n505i-multitap")
    field.press("End")
    field.type("!")  # the PC keyboard types as ever
    expect(field).to_have_value("くが!")

    tester.page.reload()  # the choice is kept in this browser
    tester.page.wait_for_function("() => Boolean(document.body.dataset.page)")  # screen ready
    expect(tester.page.locator("#multitap")).to_be_checked()
    tester.page.uncheck("#multitap")
    tester.screen.locator('[name="sample"]').focus()
    tester.press("5")  # an access key again, even from a field
    expect(tester.screen_body).to_contain_text("(subscriber_id): SE0**63")  # reloaded, guid=ON


def test_a_login_is_in_the_history_masked_and_clearing_the_handset_logs_it_out(
        tester: SimulatorDriver, stack: Stack) -> None:
    made = CliRunner().invoke(keitai, ["create-member", ADDRESS, "--nickname", "はなこ",
                                       "--password-stdin"], input=PASSWORD + "\n", env={
        "KEITAI_DATABASE_URL": f"sqlite:///{stack.data_dir.parent / 'keitai.sqlite3'}"})
    assert made.exit_code == 0, made.output
    tester.start("docomo-N505i")
    tester.open("/login")
    tester.fill("email", ADDRESS)
    tester.fill("password", PASSWORD)
    tester.submit("ログイン")
    expect(tester.screen_body).to_contain_text("はなこさんのホーム")
    expect(tester.page.locator("#address")).to_have_value(re.compile(r"[?&]ksid="))
    login = tester.page.locator('#history li[data-method="POST"]')
    expect(login).to_have_count(1)
    expect(login).to_contain_text(re.compile(r"POST http://127\.0\.0\.1:[0-9]+/login"))
    expect(login.locator(".fields")).to_contain_text(f"email={ADDRESS}")
    expect(login.locator(".fields")).to_contain_text("password=********")
    expect(tester.page.locator("#history")).not_to_contain_text(PASSWORD)
    tester.screenshot("n505i-login-in-history")

    tester.clear_session()
    expect(tester.screen_body).not_to_contain_text("はなこさんのホーム")
    expect(tester.page.locator("#address")).not_to_have_value(re.compile("ksid="))
    expect(tester.page.locator("#history li")).to_have_count(1)  # the logged-in pages forgotten
    expect(tester.page.locator("#history")).not_to_contain_text("ksid=")


def test_the_panel_shows_the_user_agent_the_gateway_sent(tester: SimulatorDriver) -> None:
    tester.start("softbank-930SH")
    tester.open("/handset")
    expect(tester.page.locator("#sent-user-agent")).to_have_text(
        re.compile(r"^SoftBank/1\.0/930SH/SHJ001/SN356122661984495 Browser/"))
    expect(tester.page.locator("#profile-user-agent")).to_contain_text("/SN000000000000000 ")
