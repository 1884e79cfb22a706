"""Every User-Agent of the corpus, every handset profile of the handset facts and every extra
real UA is detected as expected (with the few overrides, each with its reason and source)."""
from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import carriers

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
#: the real handset facts (see tests/data/handsets/README.md)
HANDSET_FACTS = HERE.parent / "data" / "handsets"


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


CORPUS: list[dict[str, Any]] = _load(HANDSET_FACTS / "ua_corpus.json")
PROFILES: list[dict[str, Any]] = _load(HANDSET_FACTS / "handsets.json")
EXTRA: list[dict[str, Any]] = _load(HERE.parent / "data" / "ua_extra.json")["entries"]
OVERRIDES: dict[str, list[dict[str, Any]]] = _load(HERE / "corpus_overrides.json")
CORPUS_OVERRIDES = {item["index"]: item for item in OVERRIDES["ua_corpus"]}
PROFILE_OVERRIDES = {item["index"]: item for item in OVERRIDES["handsets"]}
#: what an override may set: the fields of carriers.Handset
HANDSET_FIELDS = {field.name for field in dataclasses.fields(carriers.Handset)}


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


def _cited(source: str) -> tuple[list[str], list[str]]:
    """Return the URLs and the repository files a source names."""
    urls = re.findall(r"https?://[^\s,;)]+", source)
    files = [name for name in re.findall(r"[\w./-]+\.(?:py|tsv|json|md|txt)\b",
                                          re.sub(r"https?://[^\s,;)]+", "", source))
             if "/" in name or name.endswith(".md")]
    return urls, files


def _assert_justified(item: dict[str, Any], where: str) -> None:
    assert item["reason"].strip(), where
    urls, files = _cited(item["source"])
    assert urls or files, f"{where}: the source names no URL and no file of the repository"
    for name in files:
        assert (REPO / name).is_file(), \
            f"{where}: the source names {name}, which is not in the repository"


def test_each_corpus_override_names_its_row_changes_it_and_cites_its_source() -> None:
    indexes = [item["index"] for item in OVERRIDES["ua_corpus"]]
    assert len(indexes) == len(set(indexes))
    for index, item in CORPUS_OVERRIDES.items():
        assert 0 <= index < len(CORPUS), index
        row = CORPUS[index]
        assert item["user_agent"] == row["user_agent"], index
        _assert_justified(item, f"ua_corpus {index}")
        assert item["expect"] and set(item["expect"]) <= HANDSET_FIELDS, index
        for name, value in item["expect"].items():
            assert row["expect"].get(name, "absent") != value, (index, name)


def test_each_handset_override_names_its_profile_changes_it_and_cites_its_source() -> None:
    indexes = [item["index"] for item in OVERRIDES["handsets"]]
    assert len(indexes) == len(set(indexes))
    for index, item in PROFILE_OVERRIDES.items():
        assert 0 <= index < len(PROFILES), index
        profile = PROFILES[index]
        assert item["label"] == profile["label"], index
        _assert_justified(item, f"handsets {index} ({item['label']})")
        assert item["expect"] and set(item["expect"]) <= HANDSET_FIELDS, index
        expect = _profile_expectation(profile)
        for name, value in item["expect"].items():
            assert expect.get(name, "absent") != value, (index, name)


def test_an_override_citing_no_url_or_a_missing_file_is_refused() -> None:
    item = dict(OVERRIDES["handsets"][0])
    with pytest.raises(AssertionError):
        _assert_justified(item | {"source": "somewhere on the web"}, "unsourced")
    with pytest.raises(AssertionError):
        _assert_justified(item | {"source": "carriers/no_such_table.tsv"}, "missing file")
    _assert_justified(item | {"source": "https://example.org/spec and carriers/displays.py"},
                      "sourced")


def test_corpus_overrides_stay_few() -> None:
    assert len(CORPUS_OVERRIDES) <= len(CORPUS) // 20


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
