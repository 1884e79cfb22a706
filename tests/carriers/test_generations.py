"""Markup, charset, cookies and page budget follow each carrier's browser generation."""
from __future__ import annotations

import pytest

import carriers
from carriers.crawlers import CRAWLER_TOKENS

KB = 1024


@pytest.mark.parametrize(("agent", "markup", "cookies", "limit", "browser"), [
    ("DoCoMo/1.0/D501i", "chtml", False, 5 * KB, "i-mode 1.0"),
    ("DoCoMo/1.0/P502i/c10", "chtml", False, 10 * KB, "i-mode 1.0"),
    ("DoCoMo/1.0/N505i/c20/TB/W20H10", "chtml", False, 20 * KB, "i-mode 1.0"),
    ("DoCoMo/2.0 N2001(c10)", "chtml", False, 10 * KB, "i-mode 1.0"),
    ("DoCoMo/2.0 P2101V(c100)", "chtml", False, 30 * KB, "i-mode 1.0"),
    ("DoCoMo/2.0 MST_v_SH2101V(c100)", "chtml", False, 30 * KB, "i-mode 1.0"),
    ("DoCoMo/2.0 F2051(c100;TB)", "ixhtml", False, 30 * KB, "i-mode 1.0"),
    ("DoCoMo/2.0 P903i(c100;TB;W24H12)", "ixhtml", False, 30 * KB, "i-mode 1.0"),
    ("DoCoMo/2.0 N06A3(c500;TB;W24H16)", "ixhtml", True, 500 * KB, "i-mode 2.0"),
    ("DoCoMo/2.0 SH902i (compatible; Y!J-SRD/1.0)", "ixhtml", False, 10 * KB, "i-mode 1.0"),
])
def test_docomo_generation_sets_markup_cookies_and_page_limit(
        agent: str, markup: str, cookies: bool, limit: int, browser: str) -> None:
    handset = carriers.detect(agent)
    assert (handset.markup, handset.cookies, handset.page_limit_bytes, handset.browser) == (
        markup, cookies, limit, browser)
    assert handset.charset == "shift_jis"


def test_docomo_fields_may_come_in_any_order() -> None:
    for agent in ("DoCoMo/2.0 N702iD(c100;TB;W24H12;ser356623000314657;icc8981100000327921096F)",
                  "DoCoMo/2.0 N702iD(c100;ser356623000314657;TB;icc8981100000327921096F;W24H12)",
                  "DoCoMo/2.0 N702iD(icc8981100000327921096F;c100;TB;W24H12;ser356623000314657)"):
        handset = carriers.detect(agent)
        assert (handset.model, handset.cache_kb, handset.serial, handset.card_id) == (
            "N702iD", 100, "356623000314657", "8981100000327921096F")


def test_docomo_model_is_found_in_the_display_table_in_any_case() -> None:
    assert carriers.detect("DoCoMo/2.0 n905i(c100;TB;W24H16)").screen == (240, 320)


def test_docomo_screen_falls_back_to_the_character_counts() -> None:
    assert carriers.detect("DoCoMo/2.0 X999i(c100;TB;W24H15)").screen == (240, 300)
    assert carriers.detect("DoCoMo/2.0 X999i(c100;TB;W30H20)").screen == (240, 400)
    assert carriers.detect("DoCoMo/2.0 X999i(c100;TB)").screen is None


@pytest.mark.parametrize(("agent", "headers", "markup", "limit", "browser"), [
    ("UP.Browser/3.04-CA11 UP.Link/3.4.5.9", {}, "chtml", 7 * KB, "UP.Browser 3.04"),
    ("KDDI-TS21 UP.Browser/6.0.2.276 (GUI) MMP/1.1", {}, "xhtml_mp", 9 * KB, "UP.Browser 6.0"),
    ("KDDI-CA39 UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0", {}, "xhtml_mp", 32 * KB,
     "UP.Browser 6.2"),
    ("KDDI-KC3W UP.Browser/6.2_7.2.7.1.K.4.303 (GUI) MMP/2.0", {}, "xhtml_mp", 128 * KB,
     "UP.Browser 7.2"),
    ("KDDI-TS21 UP.Browser/6.0.2.276 (GUI) MMP/1.1", {"X-UP-DEVCAP-MAX-PDU": "65036"},
     "xhtml_mp", 65036, "UP.Browser 6.0"),
    ("KDDI-TS21 UP.Browser/6.0.2.276 (GUI) MMP/1.1", {"X-UP-DEVCAP-MAX-PDU": "6.5k"},
     "xhtml_mp", 9 * KB, "UP.Browser 6.0"),
])
def test_au_browser_version_sets_markup_and_default_page_limit(
        agent: str, headers: dict[str, str], markup: str, limit: int, browser: str) -> None:
    handset = carriers.detect(agent, headers)
    assert (handset.markup, handset.page_limit_bytes, handset.browser) == (markup, limit, browser)
    assert (handset.charset, handset.cookies) == ("shift_jis", True)


@pytest.mark.parametrize(("agent", "markup", "charset", "cookies", "limit"), [
    ("J-PHONE/2.0/J-DN02", "chtml", "shift_jis", False, 6000),
    ("J-PHONE/3.0/J-SH10", "chtml", "shift_jis", False, 6000),
    ("J-PHONE/4.0/J-SH51/SNJSHA3029293 SH/0001aa", "chtml", "shift_jis", False, 12 * KB),
    ("J-PHONE/4.2/J-SH53/SN000000000000000 SH/0003aa", "chtml", "shift_jis", False, 12 * KB),
    ("J-PHONE/4.3/V602T/SN000000000000000 TS/2.00", "chtml", "shift_jis", False, 30 * KB),
    ("J-PHONE/5.0/V801SA SA/0001JP", "chtml", "shift_jis", True, 200 * KB),
    ("Vodafone/1.0/V702NK/NKJ001 Series60/2.6", "xhtml_mp", "utf-8", True, 300 * KB),
    ("SoftBank/1.0/930SH/SHJ001 Browser/NetFront/3.4", "xhtml_mp", "utf-8", True, 300 * KB),
    ("MOT-V980/80.2F.2E. MIB/2.2.1", "xhtml_mp", "utf-8", True, 300 * KB),
])
def test_softbank_generation_sets_markup_charset_cookies_and_page_limit(
        agent: str, markup: str, charset: str, cookies: bool, limit: int) -> None:
    handset = carriers.detect(agent)
    assert (handset.markup, handset.charset, handset.cookies, handset.page_limit_bytes) == (
        markup, charset, cookies, limit)


def test_softbank_model_comes_from_the_header_only_when_the_user_agent_lacks_it() -> None:
    named = {"X-JPHONE-MSNAME": "V702MO"}
    assert carriers.detect("MOT-V980/80.2F.2E. MIB/2.2.1", named).model == "V702MO"
    assert carriers.detect("Vodafone/1.0/V904SH/SHJ003", named).model == "V904SH"
    assert carriers.detect("Vodafone/1.0", named).model == "V702MO"


def test_softbank_grey_display_is_not_colour() -> None:
    assert carriers.detect("J-PHONE/2.0/J-DN02", {"X-JPHONE-COLOR": "G4"}).color is False
    assert carriers.detect("J-PHONE/2.0/J-DN02", {"X-JPHONE-COLOR": "C256"}).color is True


def test_willcom_cache_is_the_page_limit_with_a_default_when_absent() -> None:
    phs = carriers.detect("Mozilla/3.0(DDIPOCKET;JRC/AH-J3003S/1.0/0100/c50)CNF/2.0")
    assert (phs.cache_kb, phs.page_limit_bytes, phs.markup) == (50, 50 * KB, "chtml")
    zero3 = carriers.detect("Mozilla/4.0 (compatible; MSIE 6.0; Windows CE; SHARP/WS007SH; PPC; "
                            "480x640) Opera 8.60 [ja]")
    assert (zero3.carrier, zero3.cache_kb, zero3.page_limit_bytes) == ("willcom", None, 100 * KB)


@pytest.mark.parametrize("agent", [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 6_0 like Mac OS X) Mobile/10A5376e",
    "Mozilla/5.0 (Linux; Android 4.4.2; SO-02F Build/14.3.B.0.310) Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 4.4.2; SC-01F Build/KOT49H) Safari/537.36",  # a tablet
    "Mozilla/5.0 (compatible; MSIE 10.0; Windows Phone 8.0; Trident/6.0; IEMobile/10.0)",
])
def test_smartphones_and_tablets_get_html5_without_a_page_limit(agent: str) -> None:
    handset = carriers.detect(agent)
    assert (handset.carrier, handset.markup, handset.charset) == ("smartphone", "html5", "utf-8")
    assert (handset.cookies, handset.page_limit_bytes, handset.is_keitai) == (True, None, False)


@pytest.mark.parametrize("token", [token for token, _ in CRAWLER_TOKENS])
def test_every_listed_crawler_is_recognised_from_the_user_agent(token: str) -> None:
    agent = f"DoCoMo/2.0 N905i(c100;TB;W24H16) (compatible; {token.upper()}/1.0)"
    handset = carriers.detect(agent)
    assert (handset.carrier, handset.crawler) == ("docomo", True)
    assert carriers.detect(f"Mozilla/5.0 (compatible; {token}/2.1)").crawler is True


def test_a_handset_that_names_no_crawler_is_not_one_whatever_its_address() -> None:
    assert carriers.detect("DoCoMo/2.0 N905i(c100;TB;W24H16)", {}, "66.249.70.39").crawler is False
