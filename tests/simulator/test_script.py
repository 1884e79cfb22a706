"""Scripts: the format, replaying against the app in-process, failures, and recording."""
from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from simulator.mailbox import running
from simulator.replay import ReplayError, replay
from simulator.script import ScriptError, Step, format_step, parse_line, parse_script
from tests.simulator.live import free_port, send_mail

SCRIPTS = Path(__file__).with_name("scripts")


@pytest.mark.parametrize(("line", "verb", "args"), [
    ('follow "ログイン"', "follow", ("ログイン",)),
    ("key #", "key", ("#",)),
    ('fill body="今日は 晴れ ☀"', "fill", ("body=今日は 晴れ ☀",)),
    ('expect "say \\"hi\\""', "expect", ('say "hi"',)),
    ("submit", "submit", ()),
])
def test_a_line_is_one_step_and_writes_back_the_same(line: str, verb: str,
                                                     args: tuple[str, ...]) -> None:
    step = parse_line(line)
    assert step is not None and (step.verb, step.args) == (verb, args)
    assert parse_line(str(step)) == step


def test_mail_steps_take_named_options() -> None:
    step = parse_line("mail-open-latest to=taro@docomo.ne.jp link=2")
    assert step == Step(1, "mail-open-latest", (), {"to": "taro@docomo.ne.jp", "link": "2"})
    assert format_step("mail-open-latest", to="a@b") == "mail-open-latest to=a@b"


@pytest.mark.parametrize(("text", "message"), [
    ("handset docomo-N505i\nteleport /", "line 2: unknown step 'teleport'"),
    ("fill email", "line 1: fill takes name=value"),
    ("confirm maybe", "line 1: confirm takes yes or no"),
    ('expect "open', "line 1: No closing quotation"),
    ("mail-open-latest link=1", "line 1: mail-open-latest needs to=ADDRESS"),
])
def test_a_bad_line_is_reported_with_its_number(text: str, message: str) -> None:
    with pytest.raises(ScriptError, match=message):
        parse_script(text)


def test_comments_and_blank_lines_are_not_steps() -> None:
    assert [s.line for s in parse_script("# note\n\nback\n  # indented note\nback")] == [3, 5]


def test_a_recorded_script_replays_against_the_app_in_process(app: Flask) -> None:
    player = replay(SCRIPTS / "handset_page.txt", app=app)
    assert player.page is not None and player.page.profile.name == "au-W53CA"
    assert [r.step.verb for r in player.results].count("expect") == 5


def test_a_failed_expectation_names_the_line_and_shows_the_page(app: Flask) -> None:
    with pytest.raises(ReplayError, match=r"line 3: expect ようこそ: 'ようこそ' is not on the page"
                       ) as failed:
        replay("handset pc-Firefox\nopen /handset\nexpect ようこそ\n", app=app)
    assert "端末の種類: パソコン" in str(failed.value)


def test_a_utn_link_waits_for_the_users_answer(echo_site: Flask) -> None:
    with pytest.raises(ReplayError, match="add 'confirm yes' or 'confirm no'"):
        replay("handset docomo-P903i\nopen /utn\nkey 1\nexpect x\n", app=echo_site)
    yes = replay("handset docomo-P903i\nopen /utn\nkey 1\nconfirm yes\nexpect ;icc\n",
                 app=echo_site)
    assert "X-Dcmguid" in yes.page.document.text  # type: ignore[union-attr]
    replay("handset docomo-P903i\nopen /utn\nfill q=typed\nsubmit\nconfirm no\n"
           'expect "q=typed"\nexpect-not ;ser\n', app=echo_site)


def test_what_a_tester_does_in_the_ui_is_recorded_as_a_script_that_replays(
        simulator_ui: FlaskClient, app: Flask) -> None:
    simulator_ui.post("/script/record", data={"action": "start"})
    simulator_ui.get("/phone/docomo-N505i/open?u=/handset")
    # /handset's links: 0 送られたヘッダーを見る, 1 再読み込み, 2 トップ
    simulator_ui.get("/phone/docomo-N505i/link/1/1")  # 再読み込み, clicked
    simulator_ui.get("/phone/docomo-N505i/link/2/1?via=key")  # the same link, 5 on the keypad
    simulator_ui.post("/phone/docomo-N505i/form/3/0",
                      data={"guid": "ON", "sample": "雨☔", "number": ""})
    simulator_ui.post("/script/expect", data={"text": "U+2614", "handset": "docomo-N505i"})
    simulator_ui.get("/phone/docomo-N505i/back")
    simulator_ui.post("/script/record", data={"action": "stop"})
    simulator_ui.get("/phone/docomo-N505i/open?u=/not-recorded")

    script = simulator_ui.get("/script/script.txt").text
    assert script.splitlines() == [
        "handset docomo-N505i", "open /handset", "follow 再読み込み", "key 5",
        "fill sample=雨☔", "submit", "expect U+2614", "back"]
    assert replay(script, app=app).results[-1].note.startswith("200 ")


def test_a_mail_link_is_opened_by_the_handset_that_owns_the_address(
        app: Flask, tmp_path: Path) -> None:
    port = free_port()
    with running(tmp_path / "mailbox", port=port):
        send_mail(port, "sim.w53ca@ezweb.ne.jp", "古いメール", "http://keitai.test/")
        send_mail(port, "sim.w53ca@ezweb.ne.jp", "招待", "1. http://keitai.test/\n"
                  "2. http://keitai.test/handset\n")
    player = replay("mail-open-latest to=sim.w53ca@ezweb.ne.jp link=2\nexpect 機種: CA39\n",
                    app=app, mailbox_dir=tmp_path / "mailbox")
    assert player.page is not None and player.page.url == "http://keitai.test/handset"
