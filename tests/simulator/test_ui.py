"""The simulator UI without a browser: phone screen, keys, utn questions, history, handsets,
and the HTTP proxy."""
from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from simulator.checker.page import Redirect
from simulator.checker.rules import REGISTRY
from simulator.state import Exchange
from simulator.ui.check import redirects_of


def screen_of(client: FlaskClient, url: str) -> BeautifulSoup:
    response = client.get(url, follow_redirects=True)
    assert response.status_code == 200, response.text
    return BeautifulSoup(response.text, "html.parser")


def test_the_front_page_shows_the_phone_at_the_handsets_screen_size(
        simulator_ui: FlaskClient) -> None:
    page = BeautifulSoup(simulator_ui.get("/?handset=au-C5001T").text, "html.parser")
    frame = page.find("iframe", id="screen")
    assert (frame["width"], frame["height"]) == ("144", "135")
    assert page.find("option", selected=True)["value"] == "au-C5001T"
    assert [b["data-key"] for b in page.select(".keypad button")] == list("123456789*0#")


def test_following_an_access_key_fetches_the_link_as_the_handset(
        simulator_ui: FlaskClient) -> None:
    first = screen_of(simulator_ui, "/phone/docomo-N505i/open?u=/handset")
    assert "subscriber_id" not in first.text
    key5 = first.find("a", attrs={"data-sim-key": "5"})["href"]
    second = screen_of(simulator_ui, key5 + "?via=key")
    assert "(subscriber_id): SE0**63" in second.text


def test_sending_a_form_from_the_screen_reencodes_it_for_the_handset(
        simulator_ui: FlaskClient) -> None:
    form = screen_of(simulator_ui, "/phone/docomo-N505i/open?u=/handset").find("form")
    answer = simulator_ui.post(form["action"], data={"guid": "ON", "sample": "晴れ☀"},
                               follow_redirects=True)
    assert "U+6674 U+308C U+2600" in answer.text


def test_a_utn_link_asks_first_and_sends_the_serial_only_after_yes(echo_ui: FlaskClient) -> None:
    link = screen_of(echo_ui, "/phone/docomo-P903i/open?u=/utn").find("a")["href"]
    question = screen_of(echo_ui, link)
    assert "製造番号を送信します" in question.text
    yes = screen_of(echo_ui, question.find("a", attrs={"data-sim-key": "1"})["href"])
    assert ";ser" in yes.text and ";icc" in yes.text
    no = screen_of(echo_ui, question.find("a", attrs={"data-sim-key": "2"})["href"])
    assert ";ser" not in no.text and "X-Dcmguid" in no.text


def test_only_a_link_marked_utn_can_send_the_serial(echo_ui: FlaskClient) -> None:
    screen_of(echo_ui, "/phone/docomo-N505i/open?u=/utn")
    forged = screen_of(echo_ui, "/phone/docomo-N505i/link/1/1?answer=yes")  # "plain"
    assert '"url":"http://keitai.test/echo"' in forged.text and "/ser" not in forged.text


def test_a_utn_form_asks_first_and_keeps_what_was_typed(echo_ui: FlaskClient) -> None:
    form = screen_of(echo_ui, "/phone/docomo-N505i/open?u=/utn").find("form")
    question = BeautifulSoup(echo_ui.post(form["action"], data={"q": "typed"}).text,
                             "html.parser")
    yes = question.find_all("form")[0]
    sent = echo_ui.post(yes["action"], data={"q": yes.find("input")["value"]},
                        follow_redirects=True)
    assert '"body":"q=typed"' in sent.text  # the echo site's answer is on the screen
    assert "N505i/c20/TB/W24H12/ser" in sent.text


def test_back_shows_the_previous_page_and_history_lists_the_visits(
        simulator_ui: FlaskClient) -> None:
    screen_of(simulator_ui, "/phone/au-W53CA/open?u=/")
    screen_of(simulator_ui, "/phone/au-W53CA/open?u=/handset")
    back = screen_of(simulator_ui, "/phone/au-W53CA/back")
    assert "端末の情報" in back.text
    visits = simulator_ui.get("/api/au-W53CA/history").json
    assert [v["url"] for v in visits] == ["http://keitai.test/handset", "http://keitai.test/"]
    assert [v["gone"] for v in visits] == [True, False]


def test_the_raw_view_shows_what_went_out_and_the_emoji_bytes(simulator_ui: FlaskClient) -> None:
    simulator_ui.get("/phone/docomo-N505i/open?u=/handset%3Fguid%3DON")
    raw = BeautifulSoup(simulator_ui.get("/phone/docomo-N505i/raw/1").text, "html.parser")
    assert "X-DCMGUID: SE04963" in raw.find(id="raw-request").text
    assert "Content-Type: text/html; charset=Shift_JIS" in raw.find(id="raw-response").text
    assert "[docomo F98B / U+E6E6]" in raw.find(id="raw-body").text
    assert raw.find(id="raw-hex").text.startswith("00000000  ")


def test_a_tester_adds_a_handset_and_it_browses_with_its_user_agent(
        simulator_ui: FlaskClient, tmp_path: Path) -> None:
    saved = simulator_ui.post("/handsets/new", data={
        "name": "docomo-F905i", "label": "docomo F905i", "width": "240", "height": "320",
        "user_agent": "DoCoMo/2.0 F905i(c100;TB;W24H17)", "headers": "", "send_ids": "on",
        "via_gateway": "on", "mail": "f905i@docomo.ne.jp"})
    assert saved.status_code == 302
    stored = json.loads((tmp_path / "simulator" / "profiles.json").read_text())
    added = next(item for item in stored if item["name"] == "docomo-F905i")
    assert added["cookies"] is False and len(added["ids"]["guid"]) == 7
    page = screen_of(simulator_ui, "/phone/docomo-F905i/open?u=/handset")
    assert "機種: F905i" in page.text


def test_the_simulator_is_an_http_proxy_for_the_handset_in_use(
        simulator_ui: FlaskClient) -> None:
    simulator_ui.get("/?handset=au-W53CA")
    response = simulator_ui.get("/handset", base_url="http://keitai.test",
                                environ_overrides={"REQUEST_URI": "http://keitai.test/handset"})
    body = response.data.decode("cp932")
    assert response.headers["Content-Type"] == "application/xhtml+xml; charset=Shift_JIS"
    assert "機種: CA39" in body and "ゲートウェイ経由: はい" in body
    assert "Set-Cookie" not in response.headers


def opened(client: FlaskClient, handset: str, path: str) -> int:
    """Open a path of the target site as the handset and return the id of the page shown."""
    answer = client.get(f"/phone/{handset}/open", query_string={"u": path})
    assert answer.status_code == 302, answer.text
    return int(answer.headers["Location"].rsplit("/", 1)[1])


def test_check_this_page_lists_a_page_over_the_d501is_limit_with_why_and_fix(
        echo_ui: FlaskClient) -> None:
    page = opened(echo_ui, "docomo-D501i", "/clean?bytes=6000")
    result = echo_ui.get(f"/api/docomo-D501i/check/{page}").json
    assert (result["page"], result["url"]) == (page, "http://keitai.test/clean?bytes=6000")
    over = next(f for f in result["findings"] if f["rule"] == "size.limit")
    rule = REGISTRY["size.limit"]
    assert over == {"rule": "size.limit", "severity": "error", "title": rule.title,
                    "message": "5.9 KB is over the 5.0 KB limit of docomo-D501i",
                    "excerpt": over["excerpt"], "why": rule.why, "fix": rule.fix}
    assert over["excerpt"].startswith("<html><head><title>echo</title></head><body>")
    assert result["counts"]["error"] >= 1
    assert result["findings"][0]["severity"] == "error"


def test_check_this_page_checks_for_the_handset_in_hand(echo_ui: FlaskClient) -> None:
    page = opened(echo_ui, "docomo-N505i", "/clean?bytes=6000")
    result = echo_ui.get(f"/api/docomo-N505i/check/{page}").json
    assert "size.limit" not in {f["rule"] for f in result["findings"]}


def test_a_clean_page_checks_with_no_findings(echo_ui: FlaskClient) -> None:
    page = opened(echo_ui, "docomo-D501i", "/clean")
    result = echo_ui.get(f"/api/docomo-D501i/check/{page}").json
    assert result["findings"] == []
    assert result["counts"] == {"error": 0, "warning": 0, "info": 0}


def test_checking_a_page_loads_its_pictures_as_the_handset(echo_ui: FlaskClient,
                                                           echo_site: Flask) -> None:
    page = opened(echo_ui, "docomo-D501i", "/pictured")
    assert echo_site.config["PICTURES_SERVED"] == []  # opening fetched the page alone
    assert echo_ui.get(f"/api/docomo-D501i/check/{page}").status_code == 200
    assert echo_site.config["PICTURES_SERVED"] == [("/picture.gif", "DoCoMo/1.0/D501i")]


def test_only_a_page_the_handset_holds_can_be_checked(echo_ui: FlaskClient) -> None:
    page = opened(echo_ui, "docomo-D501i", "/clean")
    assert echo_ui.get(f"/api/au-W53CA/check/{page}").status_code == 404
    assert echo_ui.get(f"/api/docomo-D501i/check/{page + 1}").status_code == 404
    assert echo_ui.get(f"/api/no-such-phone/check/{page}").status_code == 404


def test_the_front_page_has_the_check_button_beside_the_phone(echo_ui: FlaskClient) -> None:
    page = BeautifulSoup(echo_ui.get("/?handset=docomo-D501i").text, "html.parser")
    button = page.select_one("#check #check-button")
    assert button.text == "このページをチェック" and button.has_attr("disabled")
    assert page.select_one("#check #findings") is not None


def test_a_redirected_page_is_checked_where_it_ended_with_each_hop(echo_ui: FlaskClient) -> None:
    page = opened(echo_ui, "docomo-D501i", "/redirect?to=/redirect%3Fto%3D/clean%26code%3D301")
    assert echo_ui.get(f"/api/docomo-D501i/check/{page}").json["url"] == "http://keitai.test/clean"
    exchange = Exchange("GET", "http://keitai.test/clean", [], 200, "OK", [], b"",
                        [(302, "http://keitai.test/a"), (301, "http://keitai.test/b")])
    assert redirects_of(exchange) == [Redirect("http://keitai.test/a", 302, "http://keitai.test/b"),
                                      Redirect("http://keitai.test/b", 301,
                                               "http://keitai.test/clean")]
