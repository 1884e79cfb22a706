"""The gateway's emoji output and the checker's emoji rules agree: every emoji there is,
written for a handset the way the gateway writes it, is one that handset shows."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

import carriers
from carriers.emoji_sets import emoji_set
from carriers.markup_support import BrowserSupport, support_for
from emoji_maps.tables import tables
from keitai.gateway.response import encode_text
from simulator.checker.findings import Finding
from simulator.checker.rules import REGISTRY
from simulator.checker.run import check_response
from simulator.profiles import Profile, builtin_profiles

PROFILES = builtin_profiles()


def every_emoji_as_written_for(profile: Profile) -> list[Finding]:
    """Return the emoji findings on a page holding every emoji, as the gateway writes it."""
    handset = carriers.detect(profile.user_agent, profile.headers)
    text = "".join(e.canonical for e in tables().emoji)
    body = encode_text(f"<html><head><title>絵文字</title></head><body>{text}</body></html>",
                       handset)
    content_type = f"text/html; charset={handset.charset}"
    rules = [r for r in REGISTRY.values() if r.area == "emoji"]
    return check_response(profile, "http://keitai.test/emoji", 200,
                          [("Content-Type", content_type)], body, rules=rules)


@pytest.mark.parametrize("profile", PROFILES, ids=[p.name for p in PROFILES])
def test_every_emoji_the_gateway_writes_is_one_the_handset_shows(profile: Profile) -> None:
    assert [f.message for f in every_emoji_as_written_for(profile)] == []


@pytest.fixture()
def no_extended_emoji(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Make every browser's data say it lacks docomo's extended emoji, for the checker and for
    the output alike (the data says so for i-mode HTML 1.0–3.0 only)."""
    def without(handset: carriers.Handset) -> BrowserSupport:
        return dataclasses.replace(support_for(handset), extended_emoji=False)

    monkeypatch.setattr("simulator.checker.page.support_for", without)
    monkeypatch.setattr("carriers.emoji_sets.support_for", without)
    carriers.clear_caches()  # what each handset's pages are written with, worked out again
    yield
    monkeypatch.undo()
    carriers.clear_caches()


DOCOMO_EMOJI = [p for p in PROFILES if p.carrier in ("docomo", "willcom")]


@pytest.mark.parametrize("profile", DOCOMO_EMOJI, ids=[p.name for p in DOCOMO_EMOJI])
def test_output_follows_the_browser_data_on_docomos_extended_emoji(
        no_extended_emoji: None, profile: Profile) -> None:
    assert [f.message for f in every_emoji_as_written_for(profile)] == []
    assert emoji_set(carriers.detect(profile.user_agent, profile.headers)) == "docomo-basic"
