"""The page as the phone screen shows it: links and forms back through the simulator, access
keys, input-mode badges, emoji pictures, no scripts."""
from __future__ import annotations

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from flask import Flask

from carriers.inputmodes import READ_MODES
from simulator.browser import Page
from simulator.inputmodes import BADGES
from simulator.rewrite import render_screen
from tests.simulator.conftest import Browse

#: one text field carrying every carrier's input-mode attribute, as sites wrote it
EVERY_MODE = ('<input name="n" istyle="4" format="*N" mode="numeric" inputmode="numeric"'
              ' style="-wap-input-format:*N;-wap-input-format:&quot;*&lt;ja:n&gt;&quot;">'
              '<input name="k" istyle="1" format="*M" mode="hiragana"'
              ' style="-wap-input-format:&quot;*&lt;ja:h&gt;&quot;">')


class Urls:
    def link(self, index: int) -> str:
        return f"/L{index}"

    def form(self, index: int) -> str:
        return f"/F{index}"

    def resource(self, url: str) -> str:
        return "/R?" + urlencode({"u": url})

    def open(self, url: str) -> str:
        return "/O?" + urlencode({"u": url})


def screen(page: Page) -> BeautifulSoup:
    html, _document = render_screen(page.decoded, page.url, page.profile.handset, Urls())
    return BeautifulSoup(html, "html.parser")


def served(browse: Browse, site: Flask, name: str, html: str, charset: str = "cp932") -> Page:
    label = {"cp932": "Shift_JIS", "utf-8": "UTF-8"}[charset]
    query = urlencode({"hex": html.encode(charset).hex(), "type": f"text/html; charset={label}"})
    return browse(name, site).open("/raw?" + query)


def test_links_go_back_through_the_simulator_with_their_access_keys(
        browse: Browse, app: Flask) -> None:
    # /handset links to its headers page (7), itself (5 再読み込み) and the top (0)
    page = browse("docomo-N505i", app).open("/handset")
    links = screen(page).find_all("a")
    assert [a["href"] for a in links] == ["/L0", "/L1", "/L2"]
    assert [a["data-sim-key"] for a in links] == ["7", "5", "0"]
    assert [link.url for link in page.document.links] == [
        "http://keitai.test/handset/headers?guid=ON", "http://keitai.test/handset?guid=ON",
        "http://keitai.test/?guid=ON"]


def test_forms_are_posted_to_the_simulator_in_utf8(browse: Browse, app: Flask) -> None:
    form = screen(browse("docomo-N505i", app).open("/handset")).find("form")
    assert (form["action"], form["method"]) == ("/F0", "post")
    assert form["accept-charset"] == ["utf-8"]
    assert form.find("input", attrs={"name": "guid"})["value"] == "ON"


@pytest.mark.parametrize(("name", "numeric", "kana"), [
    ("docomo-N505i", 'istyle="4"', 'istyle="1"'),
    ("docomo-P903i", "-wap-input-format:*<ja:n>", "-wap-input-format:*<ja:h>"),
    ("au-W53CA", 'format="*N"', 'format="*M"'),
    ("softbank-930SH", 'mode="numeric"', 'mode="hiragana"'),
    ("softbank-J-SH51", 'mode="numeric"', 'mode="hiragana"'),
    ("willcom-WX310SA", 'istyle="4"', 'istyle="1"'),
])
def test_each_handset_shows_the_input_mode_its_own_attribute_sets(
        browse: Browse, echo_site: Flask, name: str, numeric: str, kana: str) -> None:
    page = served(browse, echo_site, name, f"<form>{EVERY_MODE}</form>")
    badges = screen(page).find_all("span", class_="sim-mode")
    assert [(b.text, b["title"]) for b in badges] == [("数字", numeric), ("かな", kana)]


@pytest.mark.parametrize(("name", "attribute"), [
    ("docomo-N505i", 'istyle="1"'), ("docomo-P903i", "-wap-input-format:*<ja:h>"),
    ("au-W53CA", 'format="*M"'), ("softbank-930SH", 'mode="hiragana"'),
    ("softbank-J-SH51", 'mode="hiragana"'), ("willcom-WX310SA", 'istyle="1"'),
])
def test_the_kana_field_the_site_writes_shows_the_kana_badge_on_every_handset(
        browse: Browse, app: Flask, name: str, attribute: str) -> None:
    # the site writes with carriers.inputmodes and the simulator reads with it: no second copy
    badges = screen(browse(name, app).open("/handset")).find_all("span", class_="sim-mode")
    assert (badges[0].text, badges[0]["title"]) == ("かな", attribute)  # the sample field


def test_every_mode_the_carriers_can_read_has_a_badge() -> None:
    assert set(BADGES) == set(READ_MODES)


def test_a_pc_reads_only_inputmode(browse: Browse, echo_site: Flask) -> None:
    page = served(browse, echo_site, "pc-Firefox", f"<form>{EVERY_MODE}</form>", "utf-8")
    badges = screen(page).find_all("span", class_="sim-mode")
    assert [(b.text, b["title"]) for b in badges] == [("数字", 'inputmode="numeric"')]


def test_emoji_are_pictures_with_their_carrier_code_except_inside_attributes(
        browse: Browse, echo_site: Flask) -> None:
    html = '<p>\ue63e</p><input name="t" value="\ue63e">'.encode("cp932").decode("cp932")
    page = served(browse, echo_site, "docomo-N505i", html)
    soup = screen(page)
    picture = soup.find("span", class_="sim-emoji")
    assert picture.text == "\u2600\ufe0f"
    assert picture["title"] == "docomo F89F / U+E63E 晴れ"
    assert soup.find("input")["value"] == "\u2600"


def test_scripts_handlers_and_targets_are_dropped_and_links_to_mail_marked(
        browse: Browse, echo_site: Flask) -> None:
    html = ('<body onload="steal()"><script>steal()</script>'
            '<a href="/x" target="_blank" onclick="steal()">x</a>'
            '<a href="mailto:a@docomo.ne.jp">mail</a><img src="/logo.gif">'
            '<a href="javascript:steal()">js</a></body>')
    soup = screen(served(browse, echo_site, "docomo-N06A", html))
    assert "steal" not in str(soup)
    assert soup.find_all("a")[2]["href"] == "#"
    assert "target" not in soup.find("a").attrs
    assert soup.find_all("a")[1]["data-sim-off"] == "mailto"
    assert soup.find("img")["src"] == "/R?u=http%3A%2F%2Fkeitai.test%2Flogo.gif"


def test_an_au_icon_becomes_a_picture(browse: Browse, echo_site: Flask) -> None:
    page = served(browse, echo_site, "au-W53CA", '<p><img localsrc="44"></p>')
    picture = screen(page).find("span", class_="sim-emoji")
    assert picture["title"].startswith("au localsrc 44")


def test_an_access_key_on_a_button_is_pressed_from_the_keypad(browse: Browse,
                                                              echo_site: Flask) -> None:
    page = served(browse, echo_site, "docomo-N505i",
                  '<form><input type="submit" value="送信" accesskey="#"></form>')
    assert screen(page).find("input")["data-sim-key"] == "#"


def test_links_left_open_by_tag_soup_still_have_their_own_text(browse: Browse,
                                                               echo_site: Flask) -> None:
    page = served(browse, echo_site, "docomo-D501i",
                  '<a href="/a" accesskey="1">日記<a href="/b" accesskey="2">足あと')
    assert [(link.key, link.text) for link in page.document.links] == [
        ("1", "日記"), ("2", "足あと")]
