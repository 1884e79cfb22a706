"""The tester's tools around the phone, without a browser: the keypad's print, forms in the
history (passwords masked), clearing a handset's cookies and session, the User-Agent as sent,
the favicon, the UI's POSTs from its own pages only, and the empty mailbox."""
from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from keitai import config
from keitai.cli import main as keitai_command
from keitai.db import db
from keitai.members import create_member
from keitai.passwords import hash_password
from simulator.replay import replay
from simulator.state import MASK, Exchange, Sent, State
from tests.simulator.live import send_mail

PASSWORD = "mizu-2008"


def html(response: object) -> BeautifulSoup:
    """Parse a test client's answer."""
    return BeautifulSoup(response.text, "html.parser")  # type: ignore[attr-defined]


def opened(client: FlaskClient, handset: str, path: str) -> int:
    """Open a path as the handset; return the id of the page on the screen."""
    answer = client.get(f"/phone/{handset}/open", query_string={"u": path})
    assert answer.status_code == 302, answer.text
    return int(answer.headers["Location"].rsplit("/", 1)[1])


def sent_form(client: FlaskClient, handset: str, page_id: int, **typed: str) -> int:
    """Send the first form of a page as the screen does, with its own values and the typed
    ones; return the id of the page it led to."""
    screen = html(client.get(f"/phone/{handset}/view/{page_id}"))
    form = screen.find("form")
    data = {field["name"]: field.get("value", "") for field in form.find_all("input")
            if field.get("name")} | typed
    answer = client.post(form["action"], data=data)
    assert answer.status_code == 302, answer.text
    return int(answer.headers["Location"].rsplit("/", 1)[1])


def test_the_keypad_shows_each_keys_kana_row_and_letters(echo_ui: FlaskClient) -> None:
    page = html(echo_ui.get("/?handset=docomo-N505i"))
    keys = {b["data-key"]: (b.select_one(".kana").text, b.small.text)
            for b in page.select(".keypad button")}
    assert list(keys) == list("123456789*0#")
    assert "".join(kana for kana, _letters in keys.values()) == "あかさたなはまやら゛゜わ、。"
    assert keys["1"][1] == ".@/-" and keys["2"][1] == "ABC" and keys["7"][1] == "PQRS"
    assert keys["*"][1] == "大/小"
    assert page.select_one("#multitap")["type"] == "checkbox"


def test_a_post_is_in_the_history_with_its_fields_and_the_password_masked(
        echo_ui: FlaskClient) -> None:
    form_page = opened(echo_ui, "docomo-N505i", "/signin")
    sent_form(echo_ui, "docomo-N505i", form_page, user="hanako", **{"pass": "himitsu-99"})
    latest, first = echo_ui.get("/api/docomo-N505i/history").json
    assert latest["sent"] == {
        "method": "POST", "url": "http://keitai.test/redirect?to=/echo&code=303",
        "fields": [["user", "hanako"], ["pass", MASK], ["token", "t1"]]}
    assert (latest["method"], latest["url"]) == ("GET", "http://keitai.test/echo")
    assert first["sent"] is None and first["method"] == "GET"
    raw = echo_ui.get(f"/phone/docomo-N505i/raw/{latest['page']}").text
    assert "himitsu-99" not in raw and "himitsu-99" not in echo_ui.get(
        "/api/docomo-N505i/history").text
    assert html(echo_ui.get(f"/phone/docomo-N505i/raw/{latest['page']}")).find(
        id="raw-form").text == f"user=hanako\npass={MASK}\ntoken=t1\n"


def test_a_state_file_from_before_forms_were_kept_takes_them(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    with sqlite3.connect(path) as old:
        old.execute("CREATE TABLE pages (id INTEGER PRIMARY KEY, profile TEXT NOT NULL,"
                    " created REAL NOT NULL, method TEXT NOT NULL, url TEXT NOT NULL,"
                    " request_headers TEXT NOT NULL, status INTEGER NOT NULL, reason TEXT NOT"
                    " NULL, response_headers TEXT NOT NULL, body BLOB NOT NULL, redirects TEXT"
                    " NOT NULL)")
    old.close()
    state = State(path)
    sent = Sent("POST", "http://keitai.test/login", [("email", "a@b.jp")])
    page_id = state.add_page("p", Exchange("GET", "http://keitai.test/home", [], 200, "OK", [],
                                           b"", sent=sent))
    stored = state.page(page_id)
    assert stored is not None and stored.sent == sent


def test_clearing_a_handset_forgets_its_cookies_and_the_session_in_its_addresses(
        echo_ui: FlaskClient) -> None:
    opened(echo_ui, "au-W53CA", "/cookie")
    assert '"cookie":"visit=1"' in echo_ui.get(
        f"/phone/au-W53CA/view/{opened(echo_ui, 'au-W53CA', '/cookie')}").text
    opened(echo_ui, "au-W53CA", "/echo?ksid=abcdef123456&x=1")
    cleared = echo_ui.post("/phone/au-W53CA/clear")
    assert cleared.status_code == 302
    visits = echo_ui.get("/api/au-W53CA/history").json
    assert [v["url"] for v in visits] == ["http://keitai.test/echo?x=1"]
    again = echo_ui.get(f"/phone/au-W53CA/view/{opened(echo_ui, 'au-W53CA', '/cookie')}").text
    assert '"cookie":null' in again


def test_a_logged_in_handset_with_cookies_is_logged_out_after_clearing(
        simulator_ui: FlaskClient, app: Flask) -> None:
    with app.app_context():
        create_member(email="hanako@example.com", nickname="はなこ",
                      password_hash=hash_password(PASSWORD))
        db.session.commit()
    login = opened(simulator_ui, "au-W53CA", "/login")
    home = sent_form(simulator_ui, "au-W53CA", login, email="hanako@example.com",
                     password=PASSWORD)
    assert "はなこさんのホーム" in simulator_ui.get(f"/phone/au-W53CA/view/{home}").text
    cleared = simulator_ui.post("/phone/au-W53CA/clear", follow_redirects=True)
    assert cleared.status_code == 200
    assert "はなこさんのホーム" not in cleared.text
    top = simulator_ui.get(f"/phone/au-W53CA/view/{opened(simulator_ui, 'au-W53CA', '/home')}")
    assert "はなこさんのホーム" not in top.text


def test_the_ui_takes_a_post_from_its_own_pages_only(echo_ui: FlaskClient) -> None:
    opened(echo_ui, "au-W53CA", "/echo")
    assert echo_ui.post("/phone/au-W53CA/clear",
                        headers={"Origin": "http://elsewhere.test"}).status_code == 403
    assert echo_ui.post("/mail/clear", headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert echo_ui.post("/phone/au-W53CA/clear", headers={
        "Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}).status_code == 302


def test_the_this_handset_panel_shows_the_user_agent_as_the_gateway_sent_it(
        echo_ui: FlaskClient) -> None:
    before = html(echo_ui.get("/?handset=softbank-930SH"))
    template = "SoftBank/1.0/930SH/SHJ001/SN000000000000000 Browser/NetFront/3.4"
    assert before.find(id="sent-user-agent").text.startswith(template)  # nothing sent yet
    page = opened(echo_ui, "softbank-930SH", "/echo")
    after = html(echo_ui.get("/?handset=softbank-930SH"))
    sent = "SoftBank/1.0/930SH/SHJ001/SN356122661984495 Browser/NetFront/3.4"
    assert after.find(id="sent-user-agent").text.startswith(sent)
    assert after.find(id="profile-user-agent").text.startswith(template)
    screen = echo_ui.get(f"/phone/softbank-930SH/view/{page}").text
    found = re.search(r"window\.simPage = (.*?);</script>", screen)
    assert found is not None
    info = json.loads(found.group(1))
    assert info["user_agent"].startswith(sent)  # what the screen tells the panel on each page


def test_the_ui_has_a_favicon(echo_ui: FlaskClient) -> None:
    icon = html(echo_ui.get("/mail/")).find("link", rel="icon")
    with echo_ui.get(icon["href"]) as served:
        assert served.status_code == 200
        assert served.headers["Content-Type"].startswith("image/svg+xml")
        assert served.data.startswith(b"<svg ")
    probed = echo_ui.get("/favicon.ico")
    assert probed.status_code == 302 and probed.headers["Location"].endswith(icon["href"])


def test_the_empty_mailbox_page_says_so(echo_ui: FlaskClient) -> None:
    page = html(echo_ui.get("/mail/"))
    assert "メールはまだありません。" in page.find(id="mail-empty").text
    assert page.find("button", string="すべて削除") is None


@pytest.fixture()
def instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the `keitai` commands' instance folder at an empty one."""
    monkeypatch.setattr(config, "INSTANCE_DIR", tmp_path)
    return tmp_path


def test_keitai_mailbox_says_when_there_is_no_mail_yet(instance: Path) -> None:
    result = CliRunner().invoke(keitai_command, ["mailbox"])
    assert result.exit_code == 0, result.output
    assert result.output == "No mail yet.\n"


def test_keitai_mailbox_shows_the_mail_once_there_is_some(instance: Path) -> None:
    from simulator.mailbox import running
    from tests.simulator.live import free_port

    port = free_port()
    with running(instance / "mailbox", port=port):
        send_mail(port, "hanako@docomo.ne.jp", "ようこそ", "本文です。\n")
    result = CliRunner().invoke(keitai_command, ["mailbox"])
    assert result.exit_code == 0, result.output
    assert "No mail yet." not in result.output
    assert "Subject: ようこそ" in result.output and "本文です。" in result.output


def test_clearing_is_recorded_and_replayed_as_a_step(echo_ui: FlaskClient,
                                                     echo_site: Flask) -> None:
    echo_ui.post("/script/record", data={"action": "start"})
    opened(echo_ui, "au-W53CA", "/cookie")
    echo_ui.post("/phone/au-W53CA/clear")
    script = echo_ui.get("/script/script.txt").text
    assert script == "handset au-W53CA\nopen /cookie\nclear-session\n"
    player = replay("handset au-W53CA\nopen /cookie\nopen /cookie\nexpect visit=1\n"
                    "clear-session\nexpect-not visit=1\n", app=echo_site)
    assert [str(result.step) for result in player.results][-2:] == ["clear-session",
                                                                    "expect-not visit=1"]
