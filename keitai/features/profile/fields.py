"""The profile fields a member may fill in, each shown at a visibility the member picks.

Three kinds: free text (趣味), a choice stored as a code (性別, 現住所's prefecture, see
keitai.features.profile.choices), and a birth field (年齢, 誕生日), which stores only who may
see it: its text is worked out from Member.birth_date, and it is 非公開 until the member
picks otherwise (no row means only the member).
"""
from __future__ import annotations

from dataclasses import dataclass

from keitai.features.profile.choices import GENDERS, PREFECTURES, display_value
from keitai.privacy import Visibility

__all__ = ["BIRTH_FIELDS", "BY_NAME", "FIELDS", "FieldSpec", "ORDER", "display_value"]

TEXT, CHOICE, BIRTH = "text", "choice", "birth"


@dataclass(frozen=True)
class FieldSpec:
    """One profile field: its key, what members read, how long it may be, its input mode."""

    name: str
    label: str
    max_length: int
    mode: str = "hiragana"
    #: TEXT, CHOICE (a code from choices) or BIRTH (shown from the birth date)
    kind: str = TEXT
    #: (code, label) a CHOICE field offers
    choices: tuple[tuple[str, str], ...] = ()
    #: what the form's choice offers for "nothing chosen" (the field's row goes)
    unset: str = ""

    @property
    def default_visibility(self) -> Visibility:
        """Return the visibility the form offers first: the birth fields start private."""
        return Visibility.ONLY_ME if self.kind == BIRTH else Visibility.EVERYONE


#: in the order profiles show them
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("gender", "性別", 10, kind=CHOICE, choices=GENDERS, unset="未回答"),
    FieldSpec("age", "年齢", 0, kind=BIRTH),
    FieldSpec("birthday", "誕生日", 0, kind=BIRTH),
    FieldSpec("prefecture", "現住所", 2, kind=CHOICE, choices=PREFECTURES, unset="未選択"),
    FieldSpec("region", "現住所(市区町村)", 20),
    FieldSpec("hometown", "出身地", 20),
    FieldSpec("occupation", "職業", 20),
    FieldSpec("hobbies", "趣味", 40),
    FieldSpec("favorites", "好きなもの", 40),
)
BY_NAME = {spec.name: spec for spec in FIELDS}
ORDER = {spec.name: index for index, spec in enumerate(FIELDS)}
#: the fields each form of the edit page sends: a form is never cut in two when a page is
#: split for a small handset, so no form may outgrow the smallest page (5 KB)
FORMS: tuple[tuple[FieldSpec, ...], ...] = (
    FIELDS[:3], FIELDS[3:6], FIELDS[6:])
#: the fields shown from the member's birth date
BIRTH_FIELDS = tuple(spec.name for spec in FIELDS if spec.kind == BIRTH)

#: the longest self-introduction, and the most of it the profile's first page shows
INTRODUCTION_MAX = 1000
INTRODUCTION_SHORT = 60
NICKNAME_MAX = 20
