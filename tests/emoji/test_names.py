"""Emoji found by English, short or Japanese name; Japanese names for alt text; au icon numbers."""
from __future__ import annotations

import pytest

import emoji_maps
from emoji_maps.names import ALIASES
from tests.emoji.forms import codes

SUN = "\u2600"


@pytest.mark.parametrize("name", ["BLACK SUN WITH RAYS", "black sun with rays",
                                  "black_sun_with_rays", "sun", ":sun:", "晴れ", "太陽"])
def test_the_sun_is_found_by_any_of_its_names(name: str) -> None:
    assert emoji_maps.lookup(name) == SUN


def test_a_name_nobody_uses_finds_nothing() -> None:
    assert emoji_maps.lookup("flux capacitor") is None
    assert emoji_maps.lookup("") is None


def test_japanese_names_match_however_their_width_is_typed() -> None:
    assert emoji_maps.lookup("車（セダン）") == emoji_maps.lookup("車(セダン)") is not None


def test_every_short_alias_names_an_emoji() -> None:
    missing = [alias for alias in ALIASES if emoji_maps.lookup(alias) is None]
    assert missing == []


def test_an_entry_without_standard_unicode_is_found_as_googles_code() -> None:
    assert emoji_maps.lookup("EMOJI COMPATIBILITY SYMBOL-7") == "\U000fee16"


def test_japanese_names_come_from_docomo_first() -> None:
    assert emoji_maps.japanese_name(SUN) == "晴れ"
    assert emoji_maps.japanese_name("\u2600\ufe0f") == "晴れ"
    assert emoji_maps.japanese_name("\U0001f3e9") == "ホテル２"  # SoftBank only
    assert emoji_maps.japanese_name("\U0001f46a") == "家族"  # au only
    assert emoji_maps.japanese_name("あ") is None


def test_au_icon_numbers_are_kddis_pictogram_numbers() -> None:
    assert emoji_maps.au_localsrc(SUN) == 44
    assert emoji_maps.au_localsrc(emoji_maps.decode(b"\xf6\x40", "au")) == 75
    assert emoji_maps.au_localsrc(emoji_maps.decode(b"\xf6\xec", "au")) == 53
    assert emoji_maps.au_localsrc(emoji_maps.decode("\ueca2".encode(), "au", "utf-8")) == 455


def test_an_emoji_au_shows_only_by_its_nearest_gets_that_icon() -> None:
    sunrise_over_mountains = "\U0001f304"  # au: nearest EAF4, which is au's sunrise
    assert emoji_maps.au_localsrc(sunrise_over_mountains) == 493  # 日の出


def test_au_icon_numbers_run_from_1_to_518_and_700_to_828() -> None:
    numbers = sorted(emoji_maps.au_localsrc(c.canonical) or 0 for c in codes("kddi"))
    assert numbers == [*range(1, 519), *range(700, 829)]


def test_an_emoji_au_lacks_has_no_icon_number() -> None:
    assert emoji_maps.au_localsrc("\U0001f3bd") is None  # running shirt with sash
    assert emoji_maps.au_localsrc("a") is None


def test_au_localsrc_numbers_lead_back_to_the_canonical_emoji() -> None:
    assert emoji_maps.from_au_localsrc(44) == "☀"
    assert emoji_maps.au_localsrc(emoji_maps.from_au_localsrc(180)) == 180
    assert emoji_maps.from_au_localsrc(600) is None
