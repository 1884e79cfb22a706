"""Words to look for anywhere in a User-Agent, as one regular expression that finds them
quickly.

The regular-expression engine scans for the characters a match can start with and tries the
pattern at each. An alternation of the words ("googlebot|msnbot|...") starts with their first
letters, common ones in a User-Agent, so it is tried at most positions. Here each word is
written from its rarest character on, with what comes before that character checked by a
look-behind ("b(?<=msnb)ot"): the scan stops at fewer positions, and a search costs a third
less. It matches wherever one of the words occurs, as the alternation does.
"""
from __future__ import annotations

import re
from collections import defaultdict

#: printable ASCII by how common it is in real User-Agents (lower-cased), commonest first:
#: counted over the test corpus's 469 real User-Agents; characters not listed are rarer still
USER_AGENT_CHARACTERS = " 0o./i1melcsat2;pndwr5b43h()-f698uzjkg7xvy_:[]+q,!@"


def any_of(words: tuple[str, ...], *, case_sensitive: bool) -> str:
    """Return a pattern that matches wherever one of the words occurs (none may be empty).

    For a case-sensitive search, capital letters count as rare: they are, in User-Agents.
    """
    if not words or not all(words):
        raise ValueError("any_of() needs at least one word, and no empty word")
    by_anchor: dict[str, list[str]] = defaultdict(list)
    for word in sorted(set(words)):
        at = min(range(len(word)), key=lambda index: (_commonness(word[index], case_sensitive),
                                                      index))
        behind = f"(?<={re.escape(word[:at + 1])})" if at else ""
        by_anchor[word[at]].append(behind + re.escape(word[at + 1:]))
    return "|".join(f"{re.escape(anchor)}(?:{'|'.join(rests)})"
                    for anchor, rests in sorted(by_anchor.items()))


def _commonness(char: str, case_sensitive: bool) -> int:
    if case_sensitive and char != char.lower():
        return 0
    found = USER_AGENT_CHARACTERS.find(char.lower())
    return len(USER_AGENT_CHARACTERS) - found if found >= 0 else 0
