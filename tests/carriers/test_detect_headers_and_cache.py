"""Header names match in any case, and the parse cache never mixes up two requests."""
from __future__ import annotations

import pytest
from werkzeug.datastructures import EnvironHeaders, Headers

import carriers
from carriers import detection

AU_UA = "KDDI-SA35 UP.Browser/6.2.0.9.1 (GUI) MMP/2.0"
DOCOMO_UA = "DoCoMo/2.0 SO905i(c100;TB;W24H18)"
SOFTBANK_UA = "Vodafone/1.0/V904SH/SHJ003/SN123456789012345 Browser/VF-NetFront/3.3"


def _environ(headers: dict[str, str]) -> EnvironHeaders:
    return EnvironHeaders({"HTTP_" + name.upper().replace("-", "_"): value
                           for name, value in headers.items()})


@pytest.mark.parametrize("name", ["X-UP-DEVCAP-SCREENPIXELS", "x-up-devcap-screenpixels",
                                  "X-Up-Devcap-ScreenPixels", "x-UP-devcap-SCREENpixels"])
def test_header_names_match_in_any_case(name: str) -> None:
    assert carriers.detect(AU_UA, {name: "240,268"}).screen == (240, 268)


@pytest.mark.parametrize("wrap", [dict, Headers, _environ], ids=["dict", "Headers", "environ"])
def test_werkzeug_header_objects_work_like_a_plain_dict(wrap: type) -> None:
    raw = {"X-Up-Devcap-Screenpixels": "240,268", "X-UP-DEVCAP-MAX-PDU": "131072",
           "x-up-subno": "00000000000000_ef.ezweb.ne.jp"}
    handset = carriers.detect(AU_UA, wrap(raw))
    assert handset.screen == (240, 268)
    assert handset.page_limit_bytes == 131072
    assert handset.subscriber_id == "00000000000000_ef.ezweb.ne.jp"


def test_no_headers_and_empty_headers_give_the_same_handset() -> None:
    assert carriers.detect(AU_UA) == carriers.detect(AU_UA, {}) == carriers.detect(AU_UA, None)


def test_subscriber_id_is_read_only_from_the_carriers_own_header() -> None:
    spoofed = {"X-DCMGUID": "AAAAAAA", "X-UP-SUBNO": "b_ez.ne.jp", "X-JPHONE-UID": "c" * 16}
    assert carriers.detect(DOCOMO_UA, spoofed).subscriber_id == "AAAAAAA"
    assert carriers.detect(AU_UA, spoofed).subscriber_id == "b_ez.ne.jp"
    assert carriers.detect(SOFTBANK_UA, spoofed).subscriber_id == "c" * 16
    assert carriers.detect("Mozilla/5.0 (Windows NT 10.0)", spoofed).subscriber_id is None


def test_repeated_detection_returns_equal_handsets_from_the_cache() -> None:
    detection.clear_caches()
    headers = {"X-UP-DEVCAP-SCREENPIXELS": "240,268", "X-UP-SUBNO": "s_ez.ne.jp"}
    first = carriers.detect(AU_UA, headers, "210.230.128.225")
    hits = detection._parse.cache_info().hits
    second = carriers.detect(AU_UA, dict(headers), "210.230.128.225")
    assert second == first
    assert detection._parse.cache_info().hits == hits + 1


def test_profile_headers_are_part_of_the_cache_key() -> None:
    wide = carriers.detect(AU_UA, {"X-UP-DEVCAP-SCREENPIXELS": "240,268"})
    narrow = carriers.detect(AU_UA, {"X-UP-DEVCAP-SCREENPIXELS": "144,135"})
    assert (wide.screen, narrow.screen) == ((240, 268), (144, 135))
    assert carriers.detect(AU_UA).screen is None


def test_per_request_fields_do_not_leak_between_requests_with_the_same_user_agent() -> None:
    taro = carriers.detect(DOCOMO_UA, {"X-DCMGUID": "TARO001"}, "210.153.84.1")
    hanako = carriers.detect(DOCOMO_UA, {"X-DCMGUID": "HANAKO1"}, "192.0.2.1")
    stranger = carriers.detect(DOCOMO_UA, {}, None)
    assert (taro.subscriber_id, taro.from_gateway) == ("TARO001", True)
    assert (hanako.subscriber_id, hanako.from_gateway) == ("HANAKO1", False)
    assert (stranger.subscriber_id, stranger.from_gateway) == (None, False)
    assert carriers.detect(DOCOMO_UA, {"X-DCMGUID": "TARO001"}, "210.153.84.1") == taro


def test_serials_in_the_user_agent_stay_with_their_user_agent() -> None:
    one = carriers.detect("DoCoMo/2.0 P903i(c100;TB;W24H12;ser111111111111111;"
                          "icc11111111111111111111)")
    two = carriers.detect("DoCoMo/2.0 P903i(c100;TB;W24H12;ser222222222222222;"
                          "icc22222222222222222222)")
    plain = carriers.detect("DoCoMo/2.0 P903i(c100;TB;W24H12)")
    assert (one.serial, one.card_id) == ("111111111111111", "11111111111111111111")
    assert (two.serial, two.card_id) == ("222222222222222", "22222222222222222222")
    assert (plain.serial, plain.card_id) == (None, None)


def test_the_cache_is_bounded() -> None:
    detection.clear_caches()
    for number in range(detection.CACHE_SIZE + 100):
        carriers.detect(f"DoCoMo/1.0/N{number}i/c10")
    assert detection._parse.cache_info().currsize == detection.CACHE_SIZE
    assert detection.parser_for.cache_info().currsize == detection.CACHE_SIZE


def test_a_header_value_too_long_to_cache_is_ignored() -> None:
    handset = carriers.detect(AU_UA, {"X-UP-DEVCAP-SCREENPIXELS": "240,268" + " " * 100})
    assert handset.screen is None


def test_extras_are_the_screens_characters_and_colours_in_japanese_from_any_carrier() -> None:
    au = carriers.detect(AU_UA, {"X-UP-DEVCAP-SCREENDEPTH": "16,RGB565",
                                 "X-UP-DEVCAP-SCREENCHARS": "23,15",
                                 "X-UP-DEVCAP-MULTIMEDIA": "9300941123301120"})
    assert au.extras == (("画面の文字数(横×縦)", "23×15"), ("色数", "65536"))
    softbank = carriers.detect(SOFTBANK_UA, {"X-S-DISPLAY-INFO": "480*854/30*23/TB",
                                             "X-JPHONE-COLOR": "C262144",
                                             "X-JPHONE-SMAF": "64/pcm/grf/rs"})
    assert softbank.extras == (("画面の文字数(横×縦)", "30×23"), ("色数", "262144"))
    docomo = carriers.detect("DoCoMo/2.0 N905i(c100;TB;W24H16)")
    assert docomo.extras == (("画面の文字数(横×縦)", "24×16"), ("色数", "262144"))
    # a header's own text is never copied: nonsense gives no line
    odd = carriers.detect(AU_UA, {"X-UP-DEVCAP-SCREENDEPTH": "<b>", "X-UP-DEVCAP-SCREENCHARS":
                                  "500,2"})
    assert odd.extras == ()
