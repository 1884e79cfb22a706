"""A friendship graph with a long tail: most members have a handful of friends, a few many."""
from __future__ import annotations

import random

#: nobody in the demo network has more friends than this (the site's own friend limit)
FRIEND_LIMIT = 1000


def friend_lists(rng: random.Random, count: int, hub_friends: int) -> list[list[int]]:
    """Return each member's friends (by index 0..count-1); member 0 has hub_friends friends.

    Degrees follow a Pareto law (a configuration model: every member gets that many
    "stubs", the shuffled stubs are paired), without self-friendships or duplicates.
    """
    friends: list[list[int]] = [[] for _ in range(count)]
    seen: set[int] = set()

    def link(a: int, b: int) -> None:
        key = a * count + b if a < b else b * count + a
        if a == b or key in seen or max(len(friends[a]), len(friends[b])) >= FRIEND_LIMIT:
            return
        seen.add(key)
        friends[a].append(b)
        friends[b].append(a)

    for other in rng.sample(range(1, count), min(hub_friends, count - 1)):
        link(0, other)
    stubs: list[int] = []
    for member in range(1, count):
        stubs.extend([member] * min(FRIEND_LIMIT, int(rng.paretovariate(1.4) * 2.5)))
    rng.shuffle(stubs)
    for i in range(0, len(stubs) - 1, 2):
        link(stubs[i], stubs[i + 1])
    return friends


def activity_weights(rng: random.Random, count: int) -> list[float]:
    """Return cumulative weights of how much each member writes (a few write a lot)."""
    total, cumulative = 0.0, []
    for _ in range(count):
        total += min(rng.paretovariate(1.2), 200.0)
        cumulative.append(total)
    return cumulative
