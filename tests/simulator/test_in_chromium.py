"""The simulator in a real browser: Debian's Chromium, driven by Playwright, against the app."""
from __future__ import annotations

import re

import pytest

from simulator.checker.rules import REGISTRY
from tests.simulator.driver import SimulatorDriver, expect
from tests.simulator.live import Stack

pytestmark = pytest.mark.slow


def test_an_n505i_reads_the_handset_page_in_shift_jis_with_emoji_and_access_keys(
        tester: SimulatorDriver) -> None:
    tester.start()
    tester.pick("docomo-N505i")
    expect(tester.page.locator("#screen")).to_have_attribute("width", "240")
    tester.open("/handset")

    expect(tester.screen_body).to_contain_text("機種: N505i")
    expect(tester.screen_body).to_contain_text("ゲートウェイ経由: はい")
    expect(tester.screen_body).not_to_contain_text("subscriber_id")
    keycap = tester.screen.locator(".sim-emoji").first  # 7 送られたヘッダーを見る
    expect(keycap).to_have_attribute("title", re.compile(r"^docomo F98D / U\+E6E8"))
    assert keycap.evaluate("e => getComputedStyle(e).fontFamily").startswith('"Noto Color Emoji"')
    assert keycap.bounding_box()["width"] > 8  # type: ignore[index]
    expect(tester.screen.locator(".sim-mode").first).to_have_text("かな")
    expect(tester.meter).to_contain_text(re.compile(r"^[0-9,]+ / 20,480 バイト"))
    expect(tester.meter).not_to_have_class(re.compile("over"))

    tester.press("5")
    expect(tester.screen_body).to_contain_text("(subscriber_id): SE0**63")
    expect(tester.page.locator("#history li")).to_have_count(3)  # top page, /handset, reload
    expect(tester.page.locator("#address")).to_have_value(re.compile(r"/handset\?guid=ON$"))
    tester.screen.locator("a[data-sim-key]").last.scroll_into_view_if_needed()
    tester.screenshot("n505i-handset-page")


def test_the_pc_keyboards_number_keys_press_the_access_keys(tester: SimulatorDriver) -> None:
    tester.start("docomo-P903i")
    tester.open("/handset")
    tester.type_key("5")
    expect(tester.screen_body).to_contain_text("(subscriber_id): SD3**A6")
    tester.back()
    expect(tester.screen_body).not_to_contain_text("subscriber_id")


def test_a_form_sent_from_the_screen_arrives_as_the_handsets_emoji(
        tester: SimulatorDriver) -> None:
    tester.start("au-W53CA")
    tester.open("/handset")
    expect(tester.screen.locator(".sim-mode").first).to_have_attribute("title", 'format="*M"')
    tester.fill("sample", "晴れ☀")
    tester.submit()
    expect(tester.screen_body).to_contain_text("U+6674 U+308C U+2600")
    expect(tester.screen.locator(".sim-emoji", has_text="☀")).to_have_attribute(
        "title", re.compile(r"^au F660"))


def test_a_mail_is_read_decoded_and_its_link_opens_in_the_handset_that_owns_it(
        tester: SimulatorDriver, stack: Stack) -> None:
    stack.send_mail("sim.n505i@docomo.ne.jp", "招待状が届きました",
                    f"花子さんから招待です。\n{stack.app_url}/handset\n")
    body = tester.read_mail("招待状が届きました")
    expect(body).to_contain_text("花子さんから招待です。")
    tester.open_mail_link(1)
    expect(tester.page.locator("#handset-select")).to_have_value("docomo-N505i")
    expect(tester.screen_body).to_contain_text("機種: N505i")


def test_a_recorded_session_replays_from_the_ui(tester: SimulatorDriver) -> None:
    tester.start("softbank-930SH")
    tester.record()
    tester.open("/handset")
    tester.press("5")
    tester.add_expect("機種: 930SH")
    tester.stop_recording()
    tester.page.goto(tester.url + "/script/")
    script = tester.page.locator("#script")
    expect(script).to_have_value(re.compile(r"handset softbank-930SH\nopen /handset\nkey 5\n"
                                            r"expect \"機種: 930SH\"$"))
    tester.page.click("#replay")
    expect(tester.page.locator("#results li")).to_have_count(4)
    expect(tester.page.locator("#script-error")).to_have_count(0)


def test_a_script_replays_over_http_against_the_live_app(stack: Stack) -> None:
    player = stack.replay("handset willcom-WX310SA\nopen /handset\nexpect 機種: WX310SA\n"
                          "fill sample=☀\nsubmit\nexpect U+2600\n")
    assert player.page is not None and player.page.url.startswith(stack.app_url)


def test_check_this_page_lists_the_findings_beside_the_phone(tester: SimulatorDriver,
                                                             echo_server: str) -> None:
    tester.start("docomo-D501i")
    tester.open(echo_server + "/clean?bytes=6000")
    over = tester.check_page().and_(tester.page.locator('[data-rule="size.limit"]'))
    expect(over.locator(".severity")).to_have_text("error")
    assert over.locator(".severity").evaluate(
        "e => getComputedStyle(e).backgroundColor") == "rgb(229, 57, 53)"
    expect(over.locator(".title")).to_have_text(REGISTRY["size.limit"].title)
    expect(over.locator(".message")).to_have_text(
        "5.9 KB is over the 5.0 KB limit of docomo-D501i")
    expect(over.locator(".excerpt")).to_contain_text("<html><head><title>echo</title>")
    expect(tester.page.locator("#check title, #check html, #check head")).to_have_count(0)
    expect(over.locator(".why")).to_contain_text(REGISTRY["size.limit"].why)
    expect(over.locator(".fix")).to_contain_text(REGISTRY["size.limit"].fix)
    expect(tester.page.locator("#check-summary")).to_contain_text("エラー")
    tester.screenshot("d501i-check-this-page")

    tester.open(echo_server + "/clean")
    expect(tester.findings).to_have_count(0)
    expect(tester.page.locator("#check-summary")).to_have_text("")
    tester.check_page()
    expect(tester.findings).to_have_count(0)
    expect(tester.page.locator("#check-summary")).to_have_text("指摘はありません(no findings)")
