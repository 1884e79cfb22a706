"""The mailbox in the UI: mail by recipient, decoded, opened in the handset that owns it."""
from __future__ import annotations

import base64
import smtplib
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from simulator.mailbox import MailboxServer
from tests.simulator.live import free_port, send_mail


@pytest.fixture()
def smtp_port(tmp_path: Path) -> Iterator[int]:
    """Run the mailbox the simulator UI reads (tmp_path/mailbox) on a free port."""
    port = free_port()
    server = MailboxServer(tmp_path / "mailbox", port=port)
    server.start()
    yield port
    server.stop()


def soup(client: FlaskClient, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser")


def send_shift_jis(port: int, to: str, sun: bytes = b"\xf8\x9f", charset: str = "Shift_JIS",
                   encoding: str = "cp932") -> None:
    """Send a mail with a carrier's sun emoji (docomo's by default) in its subject and body,
    as a site wrote it for that carrier's handsets."""
    encoded = base64.b64encode("天気".encode(encoding) + sun).decode()
    subject = f"=?{charset}?B?{encoded}?="
    raw = (f"From: no-reply@keitai.test\r\nTo: {to}\r\nSubject: {subject}\r\n"
           f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset={charset}\r\n"
           "Content-Transfer-Encoding: 8bit\r\n\r\n").encode("ascii")
    raw += "今日は晴れ".encode(encoding) + sun + b"\r\n"
    with smtplib.SMTP("127.0.0.1", port) as client:
        client.sendmail("no-reply@keitai.test", [to], raw)


def test_mail_is_listed_by_recipient_with_iso_2022_jp_decoded(
        simulator_ui: FlaskClient, smtp_port: int) -> None:
    send_mail(smtp_port, "sim.n505i@docomo.ne.jp", "招待状が届きました", "太郎さんから招待です")
    send_mail(smtp_port, "hanako@ezweb.ne.jp", "確認メール", "本文")
    page = soup(simulator_ui, "/mail/")
    groups = {g["data-address"]: g for g in page.select(".mail-group")}
    assert set(groups) == {"sim.n505i@docomo.ne.jp", "hanako@ezweb.ne.jp"}
    assert "docomo N505i" in groups["sim.n505i@docomo.ne.jp"].h2.text
    assert groups["sim.n505i@docomo.ne.jp"].select_one(".mail-subject").text == "招待状が届きました"
    opened = soup(simulator_ui, groups["hanako@ezweb.ne.jp"].select_one(".mail-subject")["href"])
    assert opened.find(id="mail-body").text.strip() == "本文"


def test_a_shift_jis_mail_shows_the_carriers_emoji_as_pictures(
        simulator_ui: FlaskClient, smtp_port: int) -> None:
    send_shift_jis(smtp_port, "sim.p903i@docomo.ne.jp")
    listed = soup(simulator_ui, "/mail/").select_one(".mail-subject")
    assert listed.text == "天気\u2600"
    opened = soup(simulator_ui, listed["href"])
    picture = opened.find(id="mail-body").find("span", class_="sim-emoji")
    assert picture["title"] == "docomo F89F / U+E63E 晴れ"


@pytest.mark.parametrize(("address", "carrier", "sun", "charset", "code"), [
    # the carriers' current and older mail domains, none of them owned by a built-in handset
    ("taro@i.softbank.jp", "softbank", b"\xee\x81\x8a", "UTF-8", "softbank U+E04A"),
    ("taro@d.vodafone.ne.jp", "softbank", b"\xee\x81\x8a", "UTF-8", "softbank U+E04A"),
    ("taro@au.com", "au", b"\xf6\x60", "Shift_JIS", "au F660 "),
    ("taro@biz.ezweb.ne.jp", "au", b"\xf6\x60", "Shift_JIS", "au F660 "),
    ("taro@dj.pdx.ne.jp", "willcom", b"\xf8\x9f", "Shift_JIS", "willcom F89F"),
])
def test_mail_to_any_carrier_mail_domain_is_read_as_that_carriers_handset_reads_it(
        simulator_ui: FlaskClient, smtp_port: int, address: str, carrier: str, sun: bytes,
        charset: str, code: str) -> None:
    send_shift_jis(smtp_port, address, sun, charset, "utf-8" if charset == "UTF-8" else "cp932")
    listed = soup(simulator_ui, "/mail/").select_one(".mail-subject")
    assert listed.text == "天気\u2600"
    opened = soup(simulator_ui, listed["href"])
    assert opened.find(id="mail-carrier").text == carrier
    picture = opened.find(id="mail-body").find("span", class_="sim-emoji")
    assert picture["title"].startswith(code)


def test_mail_to_an_address_on_no_carrier_domain_is_read_as_a_pc_reads_it(
        simulator_ui: FlaskClient, smtp_port: int) -> None:
    send_mail(smtp_port, "taro@example.com", "件名", "本文")
    listed = soup(simulator_ui, "/mail/").select_one(".mail-subject")
    assert soup(simulator_ui, listed["href"]).find(id="mail-carrier").text == "pc"


def test_a_link_in_a_mail_opens_in_the_handset_that_owns_the_address(
        simulator_ui: FlaskClient, smtp_port: int) -> None:
    send_mail(smtp_port, "sim.w53ca@ezweb.ne.jp", "リンク",
              "こちら http://keitai.test/handset です")
    listed = soup(simulator_ui, "/mail/").select_one(".mail-subject")
    link = soup(simulator_ui, listed["href"]).find("a", class_="mail-link")
    assert link.text == "http://keitai.test/handset"
    assert link["href"].startswith("/?handset=au-W53CA&src=/phone/au-W53CA/mail/")
    frame = link["href"].split("src=", 1)[1]
    shown = simulator_ui.get(frame, follow_redirects=True)
    assert "機種: CA39" in shown.text
