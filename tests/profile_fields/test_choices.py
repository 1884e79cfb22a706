"""The chosen fields' lists, and free text read as a prefecture or a gender."""
from __future__ import annotations

from datetime import date

import pytest

from keitai.features.profile.choices import (
    GENDERS,
    PREFECTURES,
    age_on,
    birth_text,
    display_value,
    gender_code,
    gender_label,
    prefecture_code,
    prefecture_label,
)


def test_the_prefectures_are_the_47_in_jis_order_then_abroad() -> None:
    assert len(PREFECTURES) == 48
    assert [code for code, _name in PREFECTURES[:47]] == [f"{n:02d}" for n in range(1, 48)]
    assert PREFECTURES[0] == ("01", "北海道") and PREFECTURES[12] == ("13", "東京都")
    assert PREFECTURES[46] == ("47", "沖縄県") and PREFECTURES[47] == ("99", "海外")
    assert prefecture_label("27") == "大阪府" and prefecture_label("48") is None


def test_the_genders_are_male_and_female() -> None:
    assert GENDERS == (("male", "男性"), ("female", "女性"))
    assert gender_label("female") == "女性" and gender_label("") is None


@pytest.mark.parametrize(("text", "code"), [
    ("東京", "13"), ("東京都", "13"), (" 東京都 ", "13"), ("\u3000大阪府\u3000", "27"),
    ("大阪", "27"), ("京都", "26"), ("京都府", "26"), ("北海道", "01"), ("神奈川", "14"),
    ("沖縄県", "47"), ("海外", "99"), ("東 京 都", "13"),
    ("東京都 世田谷区", None), ("横浜", None), ("北海", None), ("", None), ("13", None),
    ("とうきょう", None),
])
def test_a_free_text_names_a_prefecture_with_or_without_its_suffix(text, code) -> None:
    assert prefecture_code(text) == code


@pytest.mark.parametrize(("text", "code"), [
    ("男", "male"), ("男性", "male"), ("male", "male"), ("ＭＡＬＥ", "male"), (" Male ", "male"),
    ("女", "female"), ("女性", "female"), ("ｆｅｍａｌｅ", "female"), ("女　性", "female"),
    ("ひみつ", None), ("男の子", None), ("", None), ("m", None),
])
def test_a_free_text_names_a_gender_only_when_it_clearly_does(text, code) -> None:
    assert gender_code(text) == code


def test_an_age_turns_over_on_the_birthday() -> None:
    born = date(1992, 4, 1)
    assert age_on(born, date(2026, 3, 31)) == 33
    assert age_on(born, date(2026, 4, 1)) == 34
    leap = date(2000, 2, 29)
    assert age_on(leap, date(2026, 2, 28)) == 25 and age_on(leap, date(2026, 3, 1)) == 26


def test_a_field_shows_its_label_or_its_text() -> None:
    assert display_value("gender", "female") == "女性"
    assert display_value("prefecture", "13") == "東京都"
    assert display_value("hobbies", "つり") == "つり"
    assert display_value("region", "世田谷区") == "世田谷区"
    assert display_value("age", "") == "" and display_value("birthday", "") == ""
    assert birth_text("age", date(1992, 4, 1), date(2026, 4, 1)) == "34歳"
    assert birth_text("birthday", date(1992, 4, 1), date(2026, 4, 1)) == "4月1日"
