"""The caches behind carriers.detect(): bounded, keyed by everything detection reads, and
never changing an answer.

A detection reads the User-Agent, its carrier's gateway headers and, for a carrier with
gateway ranges, the address. The same inputs give an equal Handset however they are passed
(a dict in any case, Werkzeug's Headers, the WSGI environ), and an input that differs in
anything read gives the Handset that input describes, however many requests came before.
"""
from __future__ import annotations

import dataclasses
import inspect
import random
import re
import threading
from typing import Any

import pytest
from werkzeug.datastructures import EnvironHeaders, Headers

import carriers
from carriers import detection
from carriers.base import CarrierParser
from carriers.crawlers import CRAWLER_TOKENS, is_crawler
from carriers.handset import Handset, handset_with, quick_handset
from carriers.tokens import any_of
from carriers.web import SMARTPHONE_TOKENS
from tests.carriers.test_detect_corpus import CORPUS, EXTRA, PROFILES

AU_UA = "KDDI-SA35 UP.Browser/6.2.0.9.1 (GUI) MMP/2.0"
DOCOMO_UA = "DoCoMo/2.0 SO905i(c100;TB;W24H18)"
SOFTBANK_UA = "SoftBank/1.0/930SH/SHJ001 Browser/NetFront/3.4 Profile/MIDP-2.0"
AU_GATEWAY = "210.230.128.225"
DOCOMO_GATEWAY = "210.153.84.1"
#: every User-Agent the tests hold, with its headers
CORPUS_INPUTS = ([(item["user_agent"], item["headers"], item.get("remote_addr"))
                  for item in CORPUS + EXTRA]
                 + [(item["user_agent"], item.get("gateway_headers") or {}, None)
                    for item in PROFILES])


def _environ(headers: dict[str, str]) -> EnvironHeaders:
    return EnvironHeaders({"HTTP_" + name.upper().replace("-", "_"): value
                           for name, value in headers.items()})


def _uncached(user_agent: str, headers: Any, address: str | None) -> Handset:
    detection.clear_caches()
    return carriers.detect(user_agent, headers, address)


def test_every_corpus_entry_gives_the_same_handset_cached_as_parsed_afresh() -> None:
    fresh = [_uncached(*entry) for entry in CORPUS_INPUTS]
    detection.clear_caches()
    for _ in range(2):  # the first pass fills the caches, the second reads them
        for entry, expected in zip(CORPUS_INPUTS, fresh, strict=True):
            assert carriers.detect(*entry) == expected, entry[0]


@pytest.mark.parametrize("wrap", [dict, Headers, _environ], ids=["dict", "Headers", "environ"])
def test_the_same_inputs_give_an_equal_handset_however_the_headers_come(wrap: Any) -> None:
    headers = {"X-UP-DEVCAP-SCREENPIXELS": "240,268", "X-UP-DEVCAP-MAX-PDU": "131072",
               "X-UP-SUBNO": "05001234567890_ab.ezweb.ne.jp"}
    first = carriers.detect(AU_UA, wrap(headers), AU_GATEWAY)
    again = carriers.detect(AU_UA, wrap(dict(headers)), AU_GATEWAY)
    assert again == first
    assert (first.screen, first.page_limit_bytes, first.subscriber_id, first.from_gateway) == (
        (240, 268), 131072, "05001234567890_ab.ezweb.ne.jp", True)
    assert carriers.detect(AU_UA, {name.lower(): value for name, value in headers.items()},
                           AU_GATEWAY) == first


def test_a_header_dict_in_another_order_or_case_gives_the_same_handset() -> None:
    headers = {"X-UP-DEVCAP-SCREENPIXELS": "240,268", "X-UP-DEVCAP-ISCOLOR": "0"}
    first = carriers.detect(AU_UA, headers)
    reordered = dict(reversed(list(headers.items())))
    assert carriers.detect(AU_UA, reordered) == first
    assert carriers.detect(AU_UA, {"x-Up-Devcap-Screenpixels": "240,268",
                                   "X-UP-DEVCAP-ISCOLOR": "0"}) == first


@pytest.mark.parametrize("name, value, field, expected", [
    ("X-UP-DEVCAP-SCREENPIXELS", "144,135", "screen", (144, 135)),
    ("X-UP-DEVCAP-MAX-PDU", "9000", "page_limit_bytes", 9000),
    ("X-UP-DEVCAP-ISCOLOR", "0", "color", False),
    ("X-UP-SUBNO", "05009999999999_zz.ezweb.ne.jp", "subscriber_id",
     "05009999999999_zz.ezweb.ne.jp"),
])
def test_a_differing_header_read_gives_a_differing_handset(name: str, value: str, field: str,
                                                           expected: object) -> None:
    base = {"X-UP-DEVCAP-SCREENPIXELS": "240,268", "X-UP-DEVCAP-MAX-PDU": "131072",
            "X-UP-DEVCAP-ISCOLOR": "1", "X-UP-SUBNO": "05001234567890_ab.ezweb.ne.jp"}
    before = carriers.detect(AU_UA, base, AU_GATEWAY)
    changed = carriers.detect(AU_UA, {**base, name: value}, AU_GATEWAY)
    assert getattr(changed, field) == expected != getattr(before, field)
    assert changed == _uncached(AU_UA, {**base, name: value}, AU_GATEWAY)
    assert carriers.detect(AU_UA, base, AU_GATEWAY) == before  # and back again


def test_a_header_dict_changed_in_place_is_read_again() -> None:
    headers = {"X-JPHONE-DISPLAY": "240*320", "X-JPHONE-UID": "a1b2c3d4e5f6g7h8"}
    first = carriers.detect(SOFTBANK_UA, headers)
    headers["X-JPHONE-DISPLAY"] = "480*854"
    headers["X-JPHONE-UID"] = "z9y8x7w6v5u4t3s2"
    second = carriers.detect(SOFTBANK_UA, headers)
    assert (first.screen, first.subscriber_id) == ((240, 320), "a1b2c3d4e5f6g7h8")
    assert (second.screen, second.subscriber_id) == ((480, 854), "z9y8x7w6v5u4t3s2")


def test_a_header_the_carrier_does_not_read_changes_nothing() -> None:
    plain = carriers.detect(DOCOMO_UA, {})
    assert carriers.detect(DOCOMO_UA, {"X-UP-DEVCAP-SCREENPIXELS": "1,1",
                                       "X-JPHONE-UID": "x" * 16, "Accept": "*/*"}) == plain


def test_the_address_counts_only_through_the_gateway_ranges_in_use() -> None:
    assert carriers.detect(DOCOMO_UA, {}, DOCOMO_GATEWAY).from_gateway is True
    assert carriers.detect(DOCOMO_UA, {}, "192.0.2.1").from_gateway is False
    carriers.set_gateway_ranges(carriers.GatewayRanges({"docomo": ["192.0.2.0/24"]}))
    assert carriers.detect(DOCOMO_UA, {}, DOCOMO_GATEWAY).from_gateway is False
    assert carriers.detect(DOCOMO_UA, {}, "192.0.2.1").from_gateway is True


def test_ids_of_one_request_never_reach_the_next() -> None:
    ids = [f"ID{number:05d}" for number in range(50)]
    for value in ids * 2:
        handset = carriers.detect(DOCOMO_UA, {"X-DCMGUID": value}, DOCOMO_GATEWAY)
        assert (handset.subscriber_id, handset.from_gateway) == (value, True)
        bare = carriers.detect(DOCOMO_UA, {}, None)
        assert (bare.subscriber_id, bare.from_gateway) == (None, False)


def test_every_detection_cache_is_bounded() -> None:
    detection.clear_caches()
    for number in range(detection.CACHE_SIZE + 300):
        agent = f"KDDI-CA{number:05d} UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0"
        carriers.detect(agent, {"X-UP-DEVCAP-SCREENPIXELS": f"{number % 900 + 1},240",
                                "X-UP-SUBNO": f"{number:014d}_ab.ezweb.ne.jp"},
                        f"210.230.{number // 256 % 256}.{number % 256}")
    for cache in (detection._plans, detection._dict_reads, detection._overlays):
        assert len(cache) == detection.CACHE_SIZE
    assert detection._inside_gateway.cache_info().currsize == detection.CACHE_SIZE


def test_a_header_dict_too_large_to_keep_is_read_but_not_kept() -> None:
    detection.clear_caches()
    headers = {"X-UP-DEVCAP-SCREENPIXELS": "240,268", "Cookie": "x" * 4000}
    assert carriers.detect(AU_UA, headers).screen == (240, 268)
    assert carriers.detect(AU_UA, {f"X-Padding-{n}": "1" for n in range(100)}).screen is None
    assert detection._dict_reads == {}


def test_detection_from_many_threads_stays_bounded_and_right() -> None:
    detection.clear_caches()
    failures: list[str] = []

    def work(offset: int) -> None:
        for number in range(offset, offset + detection.CACHE_SIZE):
            agent = f"DoCoMo/2.0 N{number}i(c100;TB;W24H16)"
            handset = carriers.detect(agent, {"X-DCMGUID": f"G{number}"}, DOCOMO_GATEWAY)
            if (handset.model, handset.subscriber_id) != (f"N{number}i", f"G{number}"):
                failures.append(agent)

    threads = [threading.Thread(target=work, args=(index * 1000,)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    for cache in (detection._plans, detection._overlays):
        assert detection.CACHE_SIZE <= len(cache) <= detection.CACHE_SIZE + len(threads)


def test_the_parser_found_by_prefix_is_the_first_whose_matches_says_so() -> None:
    rng = random.Random(7)
    pieces = ["DoCoMo/", "KDDI-", "UP.Browser/", "J-PHONE/", "SoftBank/", "Vodafone/", "MOT-",
              "Semulator/", "Mozilla/3.0(WILLCOM", "Mozilla/3.0(DDIPOCKET", "Windows CE; ",
              "SHARP/WS007SH", "iPhone", "Android", "Mozilla/5.0 ", " ", "x", "(", ";"]
    agents = [agent for agent, _headers, _address in CORPUS_INPUTS]
    agents += ["".join(rng.choice(pieces) for _ in range(rng.randrange(6))) for _ in range(3000)]
    for agent in agents:
        chained = next(parser for parser in detection.PARSERS if parser.matches(agent))
        assert detection.parser_for.__wrapped__(agent) is chained, agent


def test_only_parsers_after_every_prefixed_one_know_user_agents_otherwise() -> None:
    # what parser_for() relies on to believe a prefix (WILLCOM, itself prefixed, is the last)
    knows_otherwise = [type(parser).matches_unprefixed is not CarrierParser.matches_unprefixed
                       for parser in detection.PARSERS]
    last_prefixed = max(index for index, parser in enumerate(detection.PARSERS)
                        if parser.prefixes)
    assert not any(knows_otherwise[:last_prefixed])


@pytest.mark.parametrize("words, case_sensitive", [
    (tuple(token for token, _ in CRAWLER_TOKENS), False),
    (SMARTPHONE_TOKENS, True),
    (("ab", "b", "abc", "x!y", "ba"), True),
])
def test_any_of_matches_where_a_plain_alternation_does(words: tuple[str, ...],
                                                      case_sensitive: bool) -> None:
    quick = re.compile(any_of(words, case_sensitive=case_sensitive))
    plain = re.compile("|".join(map(re.escape, words)))
    rng = random.Random(11)
    alphabet = "".join(sorted(set("".join(words)))) + " /;()Zz"
    texts = [agent for agent, _headers, _address in CORPUS_INPUTS] + [
        "".join(rng.choice(alphabet) for _ in range(rng.randrange(40))) for _ in range(3000)]
    texts += [f"x{word}y" for word in words]
    for text in texts:
        text = text if case_sensitive else text.lower()
        assert (quick.search(text) is None) == (plain.search(text) is None), text


def test_crawlers_are_told_by_their_words_in_any_case_ascii_or_not() -> None:
    assert is_crawler("Mozilla/5.0 (compatible; GoogleBot/2.1)")
    assert is_crawler("DoCoMo/2.0 N902iS(c100;TB;W24H12)(compatible; MOBA-CRAWLER)")
    assert is_crawler("ＵＡ (compatible; Googlebot/2.1)")
    assert is_crawler("\u0130CHIRO/mobile")  # capital dotted I folds to i, as re.IGNORECASE does
    assert not is_crawler("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/120.0")
    assert not is_crawler("ＤｏＣｏＭｏ/2.0 bo t")


def test_a_quickly_made_handset_is_a_handset_like_any_other() -> None:
    values = {"carrier": "au", "model": "CA39", "screen": (240, 268), "cookies": True,
              "markup": "xhtml_mp", "charset": "shift_jis", "page_limit_bytes": 32768,
              "browser": "UP.Browser 6.2", "extras": (("X-UP-DEVCAP-ISCOLOR", "1"),)}
    made = quick_handset(**values)
    assert type(made) is Handset
    assert made == Handset(**values) and hash(made) == hash(Handset(**values))
    assert repr(made) == repr(Handset(**values))
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.model = "W53CA"  # type: ignore[misc]
    assert handset_with(made, crawler=True) == dataclasses.replace(made, crawler=True)


def test_quick_handset_takes_the_fields_of_handset_in_order_with_their_defaults() -> None:
    quick = inspect.signature(quick_handset).parameters
    plain = inspect.signature(Handset).parameters
    assert [(name, parameter.default) for name, parameter in quick.items()] == [
        (name, parameter.default) for name, parameter in plain.items()]
    assert quick_handset() == Handset()
