"""An emoji typed on one handset reaches every other handset as its emoji, nearest or fallback."""
from __future__ import annotations

import pytest

import emoji_maps

SUN = "\u2600"


def test_a_docomo_sun_reaches_every_handset_as_its_sun() -> None:
    sun = emoji_maps.decode(b"\xf8\x9f", "docomo")
    assert sun == SUN
    assert emoji_maps.encode(sun, "au") == b"\xf6\x60"
    assert emoji_maps.encode(sun, "softbank") == "\ue04a".encode("utf-8")
    assert emoji_maps.encode(sun, "softbank", "shift_jis") == b"\x1b$Gj\x0f"
    assert emoji_maps.encode(sun, "pc") == "☀".encode()
    assert emoji_maps.encode(sun, "smartphone") == b"\xe2\x98\x80"


def test_an_au_sun_and_a_softbank_sun_are_the_same_canonical_sun() -> None:
    assert emoji_maps.decode(b"\xf6\x60", "au") == SUN
    assert emoji_maps.decode("\uef60".encode(), "au", "utf-8") == SUN
    assert emoji_maps.decode(b"\x1b$Gj\x0f", "softbank", "shift_jis") == SUN
    assert emoji_maps.decode(b"\xf9\x8b", "softbank", "shift_jis") == SUN
    assert emoji_maps.decode("\ue04a".encode(), "softbank") == SUN


def test_fog_reaches_softbank_as_its_text_fallback() -> None:
    fog = emoji_maps.decode(b"\xf8\xa5", "docomo")
    assert fog == "\U0001f301"
    assert emoji_maps.encode(fog, "softbank") == "[霧]".encode()
    assert emoji_maps.encode(fog, "softbank", "shift_jis") == "[霧]".encode("cp932")
    assert emoji_maps.encode(fog, "au") == b"\xf7\xb5"


def test_an_emoji_a_carrier_lacks_becomes_its_nearest_emoji() -> None:
    sunrise_over_mountains = "\U0001f304"
    assert emoji_maps.encode(sunrise_over_mountains, "docomo") == b"\xf8\x9f"  # the sun


def test_a_nearest_emoji_may_be_two_emoji() -> None:
    sun_behind_cloud = "\u26c5"
    assert emoji_maps.encode(sun_behind_cloud, "docomo") == b"\xf8\x9f\xf8\xa0"
    assert emoji_maps.encode(sun_behind_cloud, "softbank") == "\ue04a\ue049".encode()


def test_an_emoji_au_lacks_with_no_fallback_becomes_geta() -> None:
    running_shirt = emoji_maps.decode(b"\xf8\xb3", "docomo")
    assert running_shirt == "\U0001f3bd"
    assert emoji_maps.encode(running_shirt, "au") == "〓".encode("cp932")


def test_a_docomo_only_symbol_reaches_a_pc_as_its_text_fallback() -> None:
    pi = emoji_maps.decode(b"\xf9\x4a", "docomo")  # U+E6A6, a ticket-service mark
    assert pi == "\U000fee16"  # no standard Unicode: Google's code
    assert emoji_maps.encode(pi, "pc") == "[ぴ]".encode()
    assert emoji_maps.encode(pi, "docomo") == b"\xf9\x4a"


def test_a_google_only_emoji_without_fallback_reaches_a_pc_as_geta() -> None:
    assert emoji_maps.encode("\U000fe337", "pc") == "〓".encode()  # HAPPY FACE
    assert emoji_maps.encode("\U000fe337", "docomo") == b"\xf9\x95"  # nearest: E6F0


def test_keycaps_reach_each_carrier_with_or_without_a_variation_selector() -> None:
    assert emoji_maps.encode("4\u20e3", "docomo") == b"\xf9\x8a"
    assert emoji_maps.encode("4\ufe0f\u20e3", "docomo") == b"\xf9\x8a"
    assert emoji_maps.encode("4\u20e3", "au") == b"\xf7\x41"
    assert emoji_maps.encode("4\u20e3", "softbank", "shift_jis") == b"\x1b$F?\x0f"
    assert emoji_maps.encode("4\u20e3", "pc") == "4\u20e3".encode()


def test_a_keycap_nobody_has_is_written_as_its_key() -> None:
    assert emoji_maps.encode("*\u20e3 12", "docomo") == b"* 12"


def test_flags_reach_carriers_that_have_them_and_a_fallback_elsewhere() -> None:
    japan = "\U0001f1ef\U0001f1f5"
    assert emoji_maps.encode(japan, "au") == b"\xf6\xa5"
    assert emoji_maps.encode(japan, "softbank") == "\ue50b".encode()
    assert emoji_maps.encode(japan, "docomo") == "[日の丸]".encode("cp932")
    assert emoji_maps.encode(japan, "pc") == japan.encode()


def test_a_flag_no_carrier_has_falls_back_letter_by_letter() -> None:
    brazil = "\U0001f1e7\U0001f1f7"
    assert emoji_maps.encode(brazil, "docomo") == b"[B][R]"
    japan_and_a_letter = "\U0001f1ef\U0001f1f5\U0001f1e7"
    assert emoji_maps.encode(japan_and_a_letter, "docomo") == "[日の丸][B]".encode("cp932")


def test_variation_selectors_and_joiners_are_dropped_on_carrier_pages() -> None:
    assert emoji_maps.encode("\u2600\ufe0f", "docomo") == b"\xf8\x9f"
    assert emoji_maps.encode("\u2600\ufe0f", "pc") == "\u2600\ufe0f".encode()
    heart_on_fire = "\u2764\u200d\U0001f525"
    assert emoji_maps.encode(heart_on_fire, "docomo") == b"\xf9\x91" + "[炎]".encode("cp932")


def test_an_emoji_newer_than_the_carriers_becomes_geta_on_a_handset_only() -> None:
    thinking = "\U0001f914"
    assert emoji_maps.encode(thinking, "docomo") == "〓".encode("cp932")
    assert emoji_maps.encode(thinking, "softbank", "shift_jis") == "〓".encode("cp932")
    assert emoji_maps.encode(thinking, "pc") == thinking.encode()


def test_spaces_that_are_emoji_elsewhere_stay_spaces_on_docomo() -> None:
    assert emoji_maps.encode("a\u2002b", "docomo") == b"a b"
    assert emoji_maps.encode("a\u2002b", "au") == b"a\xf7\xaab"  # au has it as an emoji


@pytest.mark.parametrize("carrier", ["docomo", "au", "softbank", "willcom"])
def test_a_carriers_own_pua_in_canonical_text_is_never_trusted(carrier: str) -> None:
    assert emoji_maps.encode("\ue63e", carrier, "utf-8") == "〓".encode()
