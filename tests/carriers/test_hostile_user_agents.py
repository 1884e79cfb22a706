"""No User-Agent, header or address makes detect() raise or return an absurd Handset."""
from __future__ import annotations

import random
import re
from typing import Any

import pytest

import carriers
from carriers.fields import MAX_CACHE_KB, MAX_PIXELS, MAX_USER_AGENT_CHARS

MODEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9,_\-]{0,63}")
CARRIER_PREFIXES = (
    "DoCoMo/1.0/", "DoCoMo/2.0 ", "KDDI-", "UP.Browser/", "J-PHONE/", "Vodafone/1.0/",
    "SoftBank/1.0/", "MOT-", "Mozilla/3.0(WILLCOM;", "Mozilla/3.0(DDIPOCKET;", "",
)
JUNK = ["\r\n", "\x00", "\x1b$G!\x0f", "\udcff", "\ud800", "(", ")", ";", "/", " ", "c", "ser",
        "icc", "SN", "W", "H", "9" * 30, "-1", "c99999999999999999999", "\u3042", "\ufeff",
        "W999H999", "C128", "/c0", "(c0;", "\x7f", "\t"]


def assert_sane(handset: carriers.Handset) -> None:
    """Assert every field of handset is within the documented bounds."""
    assert handset.carrier in carriers.CARRIERS
    assert handset.markup in carriers.MARKUPS
    assert handset.charset in ("shift_jis", "utf-8")
    assert handset.model is None or MODEL.fullmatch(handset.model), handset.model
    assert handset.cache_kb is None or 1 <= handset.cache_kb <= MAX_CACHE_KB
    if handset.screen is not None:
        assert all(1 <= side <= MAX_PIXELS for side in handset.screen)
    assert handset.page_limit_bytes is None or 1000 <= handset.page_limit_bytes <= 2**21
    for value in (handset.serial, handset.card_id, handset.subscriber_id):
        assert value is None or re.fullmatch(r"[A-Za-z0-9._@\-]{1,64}", value), value
    for label, value in handset.extras:
        assert label.isprintable() and value.isprintable() and len(value) <= 64


@pytest.mark.parametrize("agent", [
    "", " ", "\r\n", "\x00", "\x00" * 100, "x" * 10_240, "DoCoMo/2.0 " + "(" * 10_000,
    "DoCoMo/1.0/N505i/c20\r\nX-DCMGUID: forged", "KDDI-CA39\x00 UP.Browser/6.2",
    "DoCoMo/1.0/D501i/c99999999999999999999", "DoCoMo/2.0 N905i(c99999999999999999999;W999H999)",
    "DoCoMo/2.0 N905i(c0;W0H0)", "DoCoMo/2.0 \udcff(c100)", "J-PHONE/9.9/\ud800",
    "Mozilla/3.0(WILLCOM;X/Y/C99999999999999)", "Mozilla/3.0(WILLCOM;;;;;)",
    "UP.Browser/99999999.99999-XX", "SoftBank/1.0/" + "A" * 600, "MOT-", "J-PHONE/",
    "DoCoMo/", "DoCoMo/2.0", "KDDI-", "\ufeffDoCoMo/1.0/N505i", bytes(range(256)).decode("latin-1"),
])
def test_hostile_user_agent_gives_a_sane_handset(agent: str) -> None:
    assert_sane(carriers.detect(agent, {}, "unknown"))


def test_absurd_numbers_are_not_believed() -> None:
    handset = carriers.detect("DoCoMo/2.0 N905i(c99999999999999999999;TB;W999H999)")
    assert handset.carrier == "docomo" and handset.model == "N905i"
    assert handset.cache_kb is None
    assert handset.screen == (240, 320)  # from docomo's table, not from W999H999
    mova = carriers.detect("DoCoMo/1.0/X999i/c99999999999999999999/W999H999")
    assert mova.cache_kb == 5 and mova.screen is None


def test_a_10_kb_user_agent_is_parsed_only_in_its_first_part() -> None:
    tail = "x" * 10_240
    first = carriers.detect("DoCoMo/2.0 N905i(c100;TB;W24H16)" + tail)
    second = carriers.detect("DoCoMo/2.0 N905i(c100;TB;W24H16)" + tail + "y")
    assert first == second
    assert first.model == "N905i"
    hidden = carriers.detect(" " * MAX_USER_AGENT_CHARS + "DoCoMo/2.0 N905i(c100)")
    assert hidden.carrier == "pc"


@pytest.mark.parametrize("agent", [None, 42, b"DoCoMo/1.0/N505i", ["DoCoMo"]])
def test_a_user_agent_that_is_not_text_is_a_pc(agent: Any) -> None:
    handset = carriers.detect(agent)
    assert handset == carriers.Handset()


@pytest.mark.parametrize("headers", [
    {"X-UP-DEVCAP-SCREENPIXELS": "9" * 5000, "X-UP-DEVCAP-MAX-PDU": "1" * 5000},
    {"X-UP-DEVCAP-SCREENPIXELS": "-240,-268", "X-UP-DEVCAP-MAX-PDU": "-1"},
    {"X-UP-DEVCAP-SCREENPIXELS": "240,268\r\nSet-Cookie: x", "X-UP-SUBNO": "a b\r\nc"},
    {"X-UP-DEVCAP-SCREENPIXELS": "\uff12\uff14\uff10,\uff12\uff16\uff18"},  # full-width digits
    {"X-UP-DEVCAP-SCREENDEPTH": "\x00" * 10, "X-UP-DEVCAP-MULTIMEDIA": "\udcff"},
    {"X-UP-SUBNO": "x" * 65}, {"X-UP-SUBNO": 12345}, {b"X-UP-SUBNO": b"raw"}, {None: None},
    {"X-UP-DEVCAP-MAX-PDU": "0", "X-UP-DEVCAP-SCREENPIXELS": "0,0"},
])
def test_hostile_gateway_headers_are_ignored_not_raised_on(headers: Any) -> None:
    handset = carriers.detect("KDDI-CA39 UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0", headers)
    assert_sane(handset)
    assert handset.carrier == "au" and handset.model == "CA39"
    assert handset.screen is None and handset.subscriber_id is None
    assert handset.page_limit_bytes == 32 * 1024  # the UP.Browser 6.2 default


@pytest.mark.parametrize("address", [None, "", "unknown", "\x00", "::", "999.1.1.1", "\udcff",
                                     "1" * 1000])
def test_hostile_addresses_are_simply_not_inside_a_gateway(address: Any) -> None:
    assert carriers.detect("DoCoMo/1.0/N505i", {}, address).from_gateway is False


def test_random_junk_around_every_carrier_grammar_never_raises() -> None:
    rng = random.Random(20090522)  # i-mode browser 2.0 launch date: a fixed, reproducible seed
    for _ in range(3000):
        agent = rng.choice(CARRIER_PREFIXES) + "".join(
            rng.choice(JUNK) for _ in range(rng.randrange(12)))
        headers = {rng.choice(["X-UP-DEVCAP-SCREENPIXELS", "X-JPHONE-DISPLAY", "X-DCMGUID",
                               "X-JPHONE-COLOR", "X-UP-DEVCAP-MAX-PDU"]): rng.choice(JUNK) * 3}
        assert_sane(carriers.detect(agent, headers, rng.choice(["1.2.3.4", "junk", None])))
