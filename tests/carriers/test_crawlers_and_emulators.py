"""Mobile crawlers and SoftBank's PC emulators are served as the handset they present.

The User-Agents are the published ones: Google's feature-phone Googlebot-Mobile (its 2011
announcement: the docomo N905i and Samsung SGH-E250 ones; the earlier mova N505i and Nokia 6820
ones), Yahoo!'s mobile crawler YahooSeeker as a J-PHONE ("J-Phone/5.0/J-SH03", as it spelled
it) and as a Symbian Nokia (M1A1-R2D2), and SoftBank's Semulator and Vemulator as their
developer tools present an 813T and a V902SH.
"""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

import carriers
from carriers.easy_login import easy_login_rules
from keitai.db import db
from keitai.features.easy_login.service import EasyLoginRefused, usable_rules
from keitai.models import Footprint
from keitai.models.web_session import WebSession
from tests.handsets import GATEWAY_ADDRESS, HandsetClient, Profile, page_forms
from tests.social.conftest import member  # noqa: F401 - the fixture

GOOGLE = "(compatible; Googlebot-Mobile/2.1; +http://www.google.com/bot.html)"
#: an address of Google's crawlers: the internet, no carrier's gateway
GOOGLE_ADDRESS = "66.249.66.1"
#: a developer's PC on the internet
DEVELOPER_ADDRESS = "198.51.100.7"

#: name -> (User-Agent, what detect() gives: carrier, model, markup, charset, crawler)
AGENTS: dict[str, tuple[str, tuple[str, str | None, str, str, bool]]] = {
    "googlebot-docomo-foma": (f"DoCoMo/2.0 N905i(c100;TB;W24H16) {GOOGLE}",
                              ("docomo", "N905i", "ixhtml", "shift_jis", True)),
    "googlebot-docomo-mova": (f"DoCoMo/1.0/N505i/c20/TB/W20H10 {GOOGLE}",
                              ("docomo", "N505i", "chtml", "shift_jis", True)),
    "googlebot-nokia": ("Nokia6820/2.0 (4.83) Profile/MIDP-1.0 Configuration/CLDC-1.0 "
                        f"{GOOGLE}",
                        ("smartphone", "Nokia6820", "xhtml_mp", "utf-8", True)),
    "googlebot-samsung": ("SAMSUNG-SGH-E250/1.0 Profile/MIDP-2.0 Configuration/CLDC-1.1 "
                          f"UP.Browser/6.2.3.3.c.1.101 (GUI) MMP/2.0 {GOOGLE}",
                          ("smartphone", "SAMSUNG-SGH-E250", "xhtml_mp", "utf-8", True)),
    "yahooseeker-jphone": ("J-Phone/5.0/J-SH03 (compatible; Mozilla 4.0; MSIE 5.5; YahooSeeker)",
                           ("softbank", "J-SH03", "chtml", "shift_jis", True)),
    "yahooseeker-jphone-upper": (
        "J-PHONE/4.3/V602SH SH/0006aa Profile/MIDP-1.0 Configuration/CLDC-1.0 "
        "(compatible; YahooSeeker/M1A1-R2D2; http://help.yahoo.co.jp/)",
        ("softbank", "V602SH", "chtml", "shift_jis", True)),
    "yahooseeker-symbian": (
        "Nokia6682/2.0 (3.01.1) SymbianOS/8.0 Series60/2.6 Profile/MIDP-2.0 "
        "configuration/CLDC-1.1 UP.Link/6.3.0.0.0 (compatible;YahooSeeker/M1A1-R2D2; "
        "http://help.yahoo.com/help/us/ysearch/crawling/crawling-01.html)",
        ("smartphone", None, "html5", "utf-8", True)),
    "semulator": ("Semulator/1.0/813T/TJ001/SN123456789012345 Browser/NetFront/3.3 "
                  "Profile/MIDP-2.0 Configuration/CLDC-1.1",
                  ("softbank", "813T", "xhtml_mp", "utf-8", False)),
    "vemulator": ("Vemulator/1.0/V902SH/SHJ001/SN123456789012345",
                  ("softbank", "V902SH", "xhtml_mp", "utf-8", False)),
}
EMULATORS = ["semulator", "vemulator"]
#: the pages' charset, doctype and Content-Type by markup family and charset
PAGES = {
    ("chtml", "shift_jis"): ("text/html; charset=Shift_JIS", "cp932", "Compact HTML"),
    ("ixhtml", "shift_jis"): ("application/xhtml+xml; charset=Shift_JIS", "cp932", "i-XHTML"),
    ("xhtml_mp", "utf-8"): ("application/xhtml+xml; charset=UTF-8", "utf-8", "XHTML Mobile"),
    ("html5", "utf-8"): ("text/html; charset=UTF-8", "utf-8", "<!DOCTYPE html>"),
}


@pytest.mark.parametrize("name", list(AGENTS))
def test_each_is_detected_as_the_handset_it_presents(name: str) -> None:
    user_agent, (carrier, model, markup, charset, crawler) = AGENTS[name]
    handset = carriers.detect(user_agent, {}, GOOGLE_ADDRESS)
    assert (handset.carrier, handset.model, handset.markup, handset.charset,
            handset.crawler) == (carrier, model, markup, charset, crawler)
    assert handset.from_gateway is False
    assert easy_login_rules(handset) is None or not handset.from_gateway


@pytest.mark.parametrize("name", [name for name in AGENTS if AGENTS[name][1][4]])
def test_a_crawler_never_gets_easy_login_even_from_a_gateway_address(name: str) -> None:
    user_agent, (carrier, *_rest) = AGENTS[name]
    address = GATEWAY_ADDRESS.get(carrier, GOOGLE_ADDRESS)
    handset = carriers.detect(user_agent, {"X-DCMGUID": "AbC1234"}, address)
    assert easy_login_rules(handset) is None
    assert handset.wants_guid is False
    with pytest.raises(EasyLoginRefused):
        usable_rules(handset)


@pytest.mark.parametrize("name", EMULATORS)
def test_an_emulator_sending_a_user_id_from_the_internet_is_never_trusted(name: str) -> None:
    user_agent, _expected = AGENTS[name]
    handset = carriers.detect(user_agent, {"X-JPHONE-UID": "a1b2c3d4e5f6g7h8"},
                              DEVELOPER_ADDRESS)
    # what it sends is read, as any SoftBank User-Agent's would be: the address decides
    assert handset.subscriber_id == "a1b2c3d4e5f6g7h8"
    assert handset.serial == "123456789012345"
    assert handset.from_gateway is False
    with pytest.raises(EasyLoginRefused, match="接続からだけ使えます"):
        usable_rules(handset)


def test_the_overseas_phone_family_is_small_pages_in_utf8_with_cookies() -> None:
    handset = carriers.detect(AGENTS["googlebot-nokia"][0])
    assert handset.page_limit_bytes == carriers.web.OVERSEAS_PHONE_LIMIT
    assert handset.cookies is True and handset.is_keitai is False
    # a person with the same phone gets the same family: no page only for the crawler
    person = carriers.detect("Nokia6820/2.0 (4.83) Profile/MIDP-1.0 Configuration/CLDC-1.0")
    assert (person.carrier, person.markup, person.crawler) == ("smartphone", "xhtml_mp", False)
    # one that names its browser first has no model, rather than "Mozilla"
    later = carriers.detect("Mozilla/5.0 (Series40; Nokia311/03.81; Profile/MIDP-2.1 "
                            "Configuration/CLDC-1.1) Gecko/20100401 S40OviBrowser/2.2.0.0.31")
    assert (later.carrier, later.markup, later.model) == ("smartphone", "xhtml_mp", None)


def _client(app: Any, name: str, address: str, **kwargs: Any) -> HandsetClient:
    app.config["BASE_URL"] = "http://keitai.test"  # easy login answers under our name only
    user_agent, (carrier, *_rest) = AGENTS[name]
    return HandsetClient(app, Profile(name, carrier, user_agent), remote_addr=address, **kwargs)


@pytest.mark.parametrize("name", list(AGENTS))
def test_each_gets_the_handset_page_not_the_pc_page(app, name: str) -> None:
    _ua, (_carrier, model, markup, charset, crawler) = AGENTS[name]
    emulator = name in EMULATORS
    client = _client(app, name, DEVELOPER_ADDRESS if emulator else GOOGLE_ADDRESS,
                     send_ids=emulator)
    response = client.get("/handset")
    content_type, codec, opening = PAGES[markup, charset]
    assert response.headers["Content-Type"] == content_type
    page = response.body.decode(codec)
    assert opening in page.split("<html", 1)[0]
    assert f"機種: {model or '不明'}<br />" in page
    assert f"検索エンジンのクローラ: {'はい' if crawler else 'いいえ'}<br />" in page
    assert "ゲートウェイ経由: いいえ<br />" in page


@pytest.mark.parametrize("name", [name for name in AGENTS if AGENTS[name][1][4]])
def test_a_crawler_gets_no_session_no_form_secret_and_leaves_no_footprint(
        app, member, name: str) -> None:  # noqa: F811 - the fixture
    someone = member("はなこ")
    client = _client(app, name, GOOGLE_ADDRESS, send_ids=False)
    for path in ("/", "/handset", "/login", "/easy_login", f"/members/{someone}"):
        response = client.get(path, expect_errors=True)
        assert "Set-Cookie" not in response.headers, path
        assert "guid=ON" not in client.text(response), path
        for form in page_forms(response):
            assert form.method != "post" or "csrf_token" not in form.fields, path
    refused = client.post("/easy_login", {"next": "/"}, expect_errors=True)
    assert refused.status_int == 400  # no CSRF secret was given, none is accepted
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Footprint)) == 0
        assert db.session.scalar(select(func.count()).select_from(WebSession)) == 0


@pytest.mark.parametrize("name", EMULATORS)
def test_an_emulator_is_refused_easy_login_through_the_site(app, name: str) -> None:
    client = _client(app, name, DEVELOPER_ADDRESS)  # sends X-JPHONE-UID like a handset
    page = client.get("/easy_login")
    answer = client.submit(page)
    assert "Wi-Fiやパソコンからは" in client.text(answer)
    assert "Set-Cookie" not in answer.headers or "ksid=" not in answer.headers["Set-Cookie"]
