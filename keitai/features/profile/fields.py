"""The profile fields a member may fill in, each shown at a visibility the member picks."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldSpec:
    """One profile field: its key, what members read, how long it may be, its input mode."""

    name: str
    label: str
    max_length: int
    mode: str = "hiragana"


#: in the order profiles show them
FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("gender", "性別", 10),
    FieldSpec("region", "現住所", 20),
    FieldSpec("hometown", "出身地", 20),
    FieldSpec("occupation", "職業", 20),
    FieldSpec("hobbies", "趣味", 40),
    FieldSpec("favorites", "好きなもの", 40),
)
BY_NAME = {spec.name: spec for spec in FIELDS}
ORDER = {spec.name: index for index, spec in enumerate(FIELDS)}

#: the longest self-introduction, and the most of it the profile's first page shows
INTRODUCTION_MAX = 1000
INTRODUCTION_SHORT = 60
NICKNAME_MAX = 20
