"""The profile fields chosen from a list: gender and prefecture, stored as codes; ages.

A chosen field is stored as its code (ProfileField.value) and shown as its label; search
filters compare codes. prefecture_code and gender_code read what members typed when the
fields were free text (the 0009 migration uses them), so they must keep their meaning.
"""
from __future__ import annotations

import unicodedata
from datetime import date

#: the youngest member (signing up needs 18) and the oldest age a search may ask for
AGE_MIN = 18
AGE_MAX = 120

#: (code, label) of each prefecture in JIS X 0401 order, then 海外 (living abroad)
PREFECTURES: tuple[tuple[str, str], ...] = tuple(
    (f"{number:02d}", name) for number, name in enumerate((
        "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
        "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県",
        "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県",
        "静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県",
        "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県",
        "徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県",
        "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県"), start=1)) + (("99", "海外"),)
#: (code, label) of each gender a member may choose; no row means 未回答
GENDERS: tuple[tuple[str, str], ...] = (("male", "男性"), ("female", "女性"))

_PREFECTURE_LABELS = dict(PREFECTURES)
_GENDER_LABELS = dict(GENDERS)
#: a prefecture's name, and its name without 都/府/県 (東京, 大阪, 京都), read as its code
_PREFECTURE_NAMES = {
    **{name: code for code, name in PREFECTURES},
    **{name[:-1]: code for code, name in PREFECTURES if name[-1] in "都府県"},
}
#: free text that clearly names a gender (after NFKC and case folding)
_GENDER_WORDS = {"男": "male", "男性": "male", "male": "male",
                 "女": "female", "女性": "female", "female": "female"}


def _normalized(text: str) -> str:
    """Return text in NFKC without any white space, case folded (ＭＡＬＥ → male)."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def prefecture_label(code: str) -> str | None:
    """Return the prefecture's name for its code ('13' → 東京都), None for no prefecture."""
    return _PREFECTURE_LABELS.get(code)


def gender_label(code: str) -> str | None:
    """Return the gender's label for its code ('female' → 女性), None for an unknown code."""
    return _GENDER_LABELS.get(code)


def prefecture_code(text: str) -> str | None:
    """Return the code of the prefecture a free text names (東京, 東京都, ' 大阪府 '), or None."""
    return _PREFECTURE_NAMES.get(_normalized(text))


def gender_code(text: str) -> str | None:
    """Return the code of the gender a free text clearly names (男, 女性, Female), or None."""
    return _GENDER_WORDS.get(_normalized(text))


def age_on(birth_date: date, today: date) -> int:
    """Return someone's age in whole years on a day (a year older on the birthday itself)."""
    return (today.year - birth_date.year
            - ((today.month, today.day) < (birth_date.month, birth_date.day)))


def display_value(name: str, value: str) -> str:
    """Return the text a stored field shows: a code's label, free text unchanged.

    年齢 and 誕生日 ('age', 'birthday') store no text (they are worked out from the
    member's birth date, see birth_text), so they show '' here.
    """
    if name == "gender":
        return gender_label(value) or value
    if name == "prefecture":
        return prefecture_label(value) or value
    if name in ("age", "birthday"):
        return ""
    return value


def birth_text(name: str, birth_date: date, today: date) -> str:
    """Return what 年齢 or 誕生日 shows for a birth date: '34歳', '4月1日'."""
    if name == "age":
        return f"{age_on(birth_date, today)}歳"
    return f"{birth_date.month}月{birth_date.day}日"
