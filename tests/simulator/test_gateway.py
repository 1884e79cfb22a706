"""Each request leaves as the handset through its carrier's gateway: UA, headers, ids, address."""
from __future__ import annotations

from dataclasses import replace

import pytest

import carriers
from simulator.gateway import OUTSIDE_ADDRESS
from simulator.profiles import Profile, builtin_profiles
from simulator.proxy import build_request

PROFILES = {p.name: p for p in builtin_profiles()}
KEITAI = ["docomo-N505i", "docomo-P903i", "docomo-N06A", "au-W53CA", "au-C5001T",
          "softbank-930SH", "softbank-J-SH10", "softbank-V602T", "willcom-WX310SA"]
ID_HEADERS = ("X-DCMGUID", "X-UP-SUBNO", "X-JPHONE-UID")


def request_as(name: str, url: str = "http://keitai.test/", **kwargs: object):  # type: ignore[no-untyped-def]
    profile = kwargs.pop("profile", None) or PROFILES[name]
    assert isinstance(profile, Profile)
    return build_request(profile, str(kwargs.pop("method", "GET")), url, **kwargs)  # type: ignore[arg-type]


def detected(request) -> carriers.Handset:  # type: ignore[no-untyped-def]
    """Return what the site's carriers.detect() makes of the request."""
    headers = dict(request.headers)
    return carriers.detect(headers["User-Agent"], headers, headers.get("X-Forwarded-For"))


@pytest.mark.parametrize("name", KEITAI)
def test_a_handset_arrives_with_its_user_agent_headers_and_a_gateway_address(name: str) -> None:
    profile = PROFILES[name]
    request = request_as(name)
    for header, value in profile.headers.items():
        assert request.header(header) == value
    handset = detected(request)
    assert handset.carrier == profile.carrier
    assert handset.from_gateway, request.header("X-Forwarded-For")


@pytest.mark.parametrize("name", ["smartphone-iPhone", "smartphone-iPhone3G", "pc-Firefox"])
def test_smartphones_and_pcs_come_straight_from_the_internet_with_no_ids(name: str) -> None:
    request = request_as(name, "http://keitai.test/?guid=ON&uid=NULLGWDOCOMO")
    assert request.header("X-Forwarded-For") is None
    assert [request.header(h) for h in ID_HEADERS] == [None, None, None]
    assert "uid=NULLGWDOCOMO" in request.url


@pytest.mark.parametrize("query", ["guid=ON", "GUID=on", "a=1&guid=On", "guid=oN&b=2"])
def test_docomo_sends_the_imode_id_when_the_query_says_guid_on_in_any_case(query: str) -> None:
    request = request_as("docomo-N505i", f"http://keitai.test/login?{query}")
    assert request.header("X-DCMGUID") == PROFILES["docomo-N505i"].ids["guid"]
    assert detected(request).subscriber_id == PROFILES["docomo-N505i"].ids["guid"]


def test_docomo_keeps_the_imode_id_without_guid_on_in_the_url_even_in_a_form_body() -> None:
    assert request_as("docomo-P903i", "http://keitai.test/?guid=OFF").header("X-DCMGUID") is None
    posted = request_as("docomo-P903i", "http://keitai.test/login", method="POST",
                        body=b"guid=ON&email=a")
    assert posted.header("X-DCMGUID") is None


def test_no_terminal_id_goes_over_https() -> None:
    for name in KEITAI:
        request = request_as(name, "https://keitai.test/?guid=ON&uid=NULLGWDOCOMO",
                             serials=True)
        assert [request.header(h) for h in ID_HEADERS] == [None, None, None], name
        assert "uid=NULLGWDOCOMO" in request.url
        assert detected(request).serial is None and detected(request).card_id is None, name


def test_a_user_who_switched_id_sending_off_sends_none() -> None:
    for name in KEITAI:
        profile = replace(PROFILES[name], send_ids=False)
        request = request_as(name, "http://keitai.test/?guid=ON&uid=NULLGWDOCOMO",
                             profile=profile)
        assert [request.header(h) for h in ID_HEADERS] == [None, None, None], name
        assert detected(request).terminal_ids == {}, name


def test_the_gateway_puts_the_user_id_in_place_of_nullgwdocomo() -> None:
    uid = PROFILES["docomo-N505i"].ids["uid"]
    request = request_as("docomo-N505i", "http://keitai.test/p?a=1&uid=NULLGWDOCOMO&b=uid")
    assert request.url == f"http://keitai.test/p?a=1&uid={uid}&b=uid"
    lower = request_as("docomo-N505i", "http://keitai.test/p?uid=nullgwdocomo")
    assert lower.url == f"http://keitai.test/p?uid={uid}"
    other = request_as("docomo-N505i", "http://keitai.test/p?xuid=NULLGWDOCOMO")
    assert other.url.endswith("xuid=NULLGWDOCOMO")


def test_a_confirmed_utn_adds_the_mova_serial_to_the_end_of_the_user_agent() -> None:
    serial = PROFILES["docomo-N505i"].ids["serial"]
    request = request_as("docomo-N505i", serials=True)
    assert request.header("User-Agent") == f"DoCoMo/1.0/N505i/c20/TB/W24H12/ser{serial}"
    assert detected(request).serial == serial
    assert detected(request_as("docomo-N505i")).serial is None


@pytest.mark.parametrize("name", ["docomo-P903i", "docomo-N06A"])
def test_a_confirmed_utn_puts_the_foma_serial_and_card_id_inside_the_parentheses(
        name: str) -> None:
    ids = PROFILES[name].ids
    agent = request_as(name, serials=True).header("User-Agent")
    assert agent is not None
    assert agent.endswith(f";ser{ids['serial']};icc{ids['card_id']})")
    handset = detected(request_as(name, serials=True))
    assert (handset.serial, handset.card_id) == (ids["serial"], ids["card_id"])


def test_au_sends_its_subscriber_number_on_every_request() -> None:
    request = request_as("au-C5001T", "http://keitai.test/anything")
    assert request.header("X-UP-SUBNO") == PROFILES["au-C5001T"].ids["subno"]
    assert request.header("X-DCMGUID") is None
    assert detected(request).page_limit_bytes == 65036  # X-UP-DEVCAP-MAX-PDU went along


def test_softbank_sends_its_uid_and_puts_its_serial_in_the_user_agent() -> None:
    ids = PROFILES["softbank-930SH"].ids
    request = request_as("softbank-930SH")
    assert request.header("X-JPHONE-UID") == ids["uid"]
    handset = detected(request)
    assert (handset.subscriber_id, handset.serial) == (ids["uid"], ids["serial"])
    withheld = request_as("softbank-930SH", profile=replace(PROFILES["softbank-930SH"],
                                                             send_ids=False))
    assert "/SN" not in (withheld.header("User-Agent") or "")


def test_a_j_phone_c_type_sends_no_uid() -> None:
    assert request_as("softbank-J-SH10").header("X-JPHONE-UID") is None
    assert request_as("softbank-V602T").header("X-JPHONE-UID") is not None


def test_a_handset_off_the_gateway_comes_from_outside_every_carrier_range() -> None:
    profile = replace(PROFILES["docomo-N505i"], via_gateway=False)
    request = request_as("docomo-N505i", profile=profile)
    assert request.header("X-Forwarded-For") == OUTSIDE_ADDRESS
    assert not detected(request).from_gateway


def test_the_site_gets_no_cookie_from_a_handset_that_keeps_none() -> None:
    assert request_as("docomo-N505i", cookie="ksid=abc").header("Cookie") is None
    assert request_as("docomo-N06A", cookie="ksid=abc").header("Cookie") == "ksid=abc"


def test_a_profile_cannot_smuggle_headers_the_gateway_owns() -> None:
    profile = replace(PROFILES["docomo-N505i"], headers={"X-DCMGUID": "forged",
                                                         "X-Forwarded-For": "1.2.3.4"})
    request = request_as("docomo-N505i", profile=profile)
    assert request.header("X-DCMGUID") is None
    assert request.header("X-Forwarded-For") != "1.2.3.4"
