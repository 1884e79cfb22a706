"""Every User-Agent of the shared corpus, every handset profile and every extra real UA is
detected as expected (with the few documented overrides)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import carriers

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
HANDSET_FACTS = SHARED / "data" / "handsets"
HERE = Path(__file__).resolve().parent


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


CORPUS: list[dict[str, Any]] = _load(HANDSET_FACTS / "ua_corpus.json")
PROFILES: list[dict[str, Any]] = _load(HANDSET_FACTS / "handsets.json")
EXTRA: list[dict[str, Any]] = _load(HERE.parent / "data" / "ua_extra.json")["entries"]
OVERRIDES: dict[str, list[dict[str, Any]]] = _load(HERE / "corpus_overrides.json")
CORPUS_OVERRIDES = {item["index"]: item for item in OVERRIDES["ua_corpus"]}
PROFILE_OVERRIDES = {item["index"]: item for item in OVERRIDES["handsets"]}


def _corpus_id(row: tuple[int, dict[str, Any]]) -> str:
    return f"{row[0]:03d}:{row[1]['user_agent'][:48]}"


def _profile_expectation(profile: dict[str, Any]) -> dict[str, Any]:
    expect = {"carrier": profile["carrier"], "model": profile["model"],
              "screen": [profile["screen_width"], profile["screen_height"]],
              "cookies": profile["cookies"]}
    if "cache_kb" in profile:
        expect["cache_kb"] = profile["cache_kb"]
    return expect


@pytest.mark.parametrize("row", list(enumerate(CORPUS)), ids=_corpus_id)
def test_corpus_user_agent_is_detected_as_the_corpus_says(row: tuple[int, dict[str, Any]],
                                                          check: Any) -> None:
    index, entry = row
    expect = dict(entry["expect"])
    expect.update(CORPUS_OVERRIDES.get(index, {}).get("expect", {}))
    handset = carriers.detect(entry["user_agent"], entry["headers"], entry.get("remote_addr"))
    assert check(handset, expect) == []


@pytest.mark.parametrize("row", list(enumerate(PROFILES)), ids=lambda row: row[1]["label"])
def test_handset_profile_is_detected_as_its_profile_says(row: tuple[int, dict[str, Any]],
                                                         check: Any) -> None:
    index, profile = row
    expect = _profile_expectation(profile)
    expect.update(PROFILE_OVERRIDES.get(index, {}).get("expect", {}))
    handset = carriers.detect(profile["user_agent"], profile.get("gateway_headers"))
    assert check(handset, expect) == []


@pytest.mark.parametrize("entry", EXTRA, ids=lambda entry: entry["user_agent"][:56])
def test_extra_real_user_agent_is_detected_as_expected(entry: dict[str, Any],
                                                       check: Any) -> None:
    handset = carriers.detect(entry["user_agent"], entry["headers"], entry.get("remote_addr"))
    assert check(handset, entry["expect"]) == []


def test_each_corpus_override_names_its_row_changes_it_and_says_why() -> None:
    for index, item in CORPUS_OVERRIDES.items():
        row = CORPUS[index]
        assert item["user_agent"] == row["user_agent"], index
        assert item["reason"].strip(), index
        assert any(row["expect"].get(name, "absent") != value
                   for name, value in item["expect"].items()), index


def test_each_handset_override_names_its_profile_changes_it_and_says_why() -> None:
    for index, item in PROFILE_OVERRIDES.items():
        profile = PROFILES[index]
        assert item["label"] == profile["label"], index
        assert item["reason"].strip(), index
        expect = _profile_expectation(profile)
        assert any(expect.get(name, "absent") != value
                   for name, value in item["expect"].items()), index


def test_overrides_stay_few() -> None:
    assert len(CORPUS_OVERRIDES) <= len(CORPUS) // 20
    assert len(PROFILE_OVERRIDES) <= len(PROFILES)


def test_at_least_300_real_user_agents_cover_every_carrier_and_generation() -> None:
    agents = {entry["user_agent"] for entry in CORPUS + EXTRA} | {
        profile["user_agent"] for profile in PROFILES}
    assert len(agents) >= 300
    generations = Counter(_generation(agent) for agent in agents)
    for generation in ("DoCoMo/1.0", "DoCoMo/2.0", "KDDI-", "UP.Browser/", "J-PHONE/2",
                       "J-PHONE/3", "J-PHONE/4", "J-PHONE/5", "Vodafone/", "SoftBank/", "MOT-",
                       "WILLCOM", "DDIPOCKET", "smartphone", "pc"):
        assert generations[generation] > 0, generation


def test_extra_file_adds_at_least_40_au_and_softbank_user_agents() -> None:
    au_and_softbank = [entry for entry in EXTRA
                       if entry["expect"]["carrier"] in ("au", "softbank")]
    assert len(au_and_softbank) >= 40
    assert sum(entry["user_agent"].startswith("UP.Browser/") for entry in EXTRA) >= 5
    assert sum(entry["user_agent"].startswith("J-PHONE/") for entry in EXTRA) >= 12


def _generation(agent: str) -> str:
    for prefix in ("DoCoMo/1.0", "DoCoMo/2.0", "KDDI-", "UP.Browser/", "Vodafone/", "SoftBank/",
                   "MOT-"):
        if agent.startswith(prefix):
            return prefix
    if agent.startswith("J-PHONE/"):
        return agent[:9]
    for marker in ("WILLCOM", "DDIPOCKET"):
        if marker in agent:
            return marker
    return carriers.detect(agent).carrier
