"""Seeded profile fields: gender, prefecture and who sees the age, spread as members set them.

Most members choose a gender (85%) and a prefecture (80%, drawn by population, with a few
abroad); a third show their age and a fifth their birthday. Each is shown to everyone more
often than to friends, and some keep theirs to themselves, so member searches find some
members and not others. Drawn from a generator of their own, so the rest of a seed's network
stays what it was before members had these fields.
"""
from __future__ import annotations

import random
from bisect import bisect_left
from collections.abc import Iterator
from itertools import accumulate

from keitai.features.profile.choices import GENDERS, PREFECTURES

#: the columns of a profile_fields row, as the rows below give them
COLUMNS = ("member_id", "name", "value", "visibility")
#: people per prefecture (10,000s, the 2020 census) in PREFECTURES' order, then 海外
_POPULATION = (522, 124, 121, 230, 96, 107, 183, 287, 193, 194, 734, 628, 1405, 924, 220,
               103, 113, 77, 81, 205, 198, 363, 754, 177, 141, 258, 884, 547, 132, 92, 55,
               67, 189, 280, 134, 72, 95, 133, 69, 514, 81, 131, 174, 112, 107, 159, 147, 20)
_PREFECTURE_WEIGHTS = list(accumulate(_POPULATION))
#: field -> (share of members who set it, cumulative shares of the visibilities below)
_LEVELS = ("everyone", "friends", "friends_of_friends", "only_me")
_SPREAD = {"gender": (0.85, (0.80, 0.95, 0.95, 1.0)),
           "prefecture": (0.80, (0.65, 0.85, 0.95, 1.0)),
           "age": (1 / 3, (0.60, 0.85, 1.0, 1.0)),
           "birthday": (0.20, (0.50, 0.90, 1.0, 1.0))}


def profile_rows(rng: random.Random, first_id: int, members: int
                 ) -> Iterator[tuple[int, str, str, str]]:
    """Yield the profile_fields rows (COLUMNS) of members first_id, first_id + 1, ..."""
    random_, genders = rng.random, [code for code, _label in GENDERS]
    codes = [code for code, _label in PREFECTURES]
    spread = [(name, share, cumulative) for name, (share, cumulative) in _SPREAD.items()]
    picks = rng.choices(codes, cum_weights=_PREFECTURE_WEIGHTS, k=members)
    for index in range(members):
        member_id = first_id + index
        for name, share, cumulative in spread:
            if random_() >= share:
                continue
            level = _LEVELS[bisect_left(cumulative, random_())]
            value = (genders[random_() < 0.5] if name == "gender"
                     else picks[index] if name == "prefecture" else "")
            yield member_id, name, value, level
