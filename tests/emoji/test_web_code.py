"""J-PHONE pages: SoftBank web codes (ESC $ page … SI), runs and page switches, both ways."""
from __future__ import annotations

import emoji_maps

SUN, CLOUD, UMBRELLA = "\u2600", "\u2601", "\u2614"  # SoftBank E04A, E049, E04B: page G


def jphone(text: str) -> bytes:
    """Return text as a J-PHONE page's bytes."""
    return emoji_maps.encode(text, "softbank", "shift_jis")


def from_jphone(data: bytes) -> str:
    """Return a J-PHONE form's bytes as canonical text."""
    return emoji_maps.decode(data, "softbank", "shift_jis")


def test_neighbouring_emoji_of_one_page_share_one_run() -> None:
    first_two = from_jphone(b"\x1b$G!\x0f") + from_jphone(b"\x1b$G\"\x0f")  # E001, E002
    assert jphone(first_two) == b"\x1b$G!\"\x0f"
    assert jphone(SUN + CLOUD + UMBRELLA) == b"\x1b$Gjik\x0f"


def test_a_page_switch_closes_the_run_and_opens_another() -> None:
    text = from_jphone(b"\x1b$Gj\x0f") + from_jphone(b"\x1b$F.\x0f") + from_jphone(b"\x1b$Ec\x0f")
    assert jphone(text) == b"\x1b$Gj\x0f\x1b$F.\x0f\x1b$Ec\x0f"


def test_runs_are_merged_again_after_a_page_switch() -> None:
    page_f = from_jphone(b"\x1b$F.\x0f")
    assert jphone(SUN + CLOUD + page_f + SUN) == b"\x1b$Gji\x0f\x1b$F.\x0f\x1b$Gj\x0f"


def test_text_between_emoji_ends_a_run() -> None:
    assert jphone(f"{SUN}と{CLOUD}") == b"\x1b$Gj\x0f" + "と".encode("cp932") + b"\x1b$Gi\x0f"


def test_runs_and_page_switches_are_read_back() -> None:
    page_f, page_e = from_jphone(b"\x1b$F.\x0f"), from_jphone(b"\x1b$Ec\x0f")
    assert from_jphone(b"\x1b$Gjik\x0f") == SUN + CLOUD + UMBRELLA
    assert from_jphone(b"a\x1b$Gj\x0f\x1b$F.\x0f\x1b$Ec\x0fb") == f"a{SUN}{page_f}{page_e}b"
    assert from_jphone(b"\x1b$Gj\x0f\x1b$Gi\x0f") == SUN + CLOUD


def test_web_codes_and_binary_codes_may_arrive_together() -> None:
    assert from_jphone(b"\x1b$Gj\x0f\xf9\x8a\xfb\x41") == (
        SUN + CLOUD + emoji_maps.decode("\ue401".encode(), "softbank"))


def test_escape_and_shift_in_characters_in_text_never_reach_a_jphone_page() -> None:
    assert jphone("a\x1b$Gb\x0fc" + SUN) == b"a$Gbc\x1b$Gj\x0f"


def test_a_whole_jphone_diary_round_trips() -> None:
    diary = f"今日は{SUN}のち{CLOUD}{UMBRELLA}。ﾃﾆｽ\U0001f3be楽しかった〜\n"
    assert from_jphone(jphone(diary)) == diary
