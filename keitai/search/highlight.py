"""Marking the words a query found in the text as it was written.

A word may have been found as written (ﾗｰﾒﾝ for らーめん: folding maps the folded text back to
the characters it came from), or by its reading or normal spelling (東京 for とうきょう: the
analyser's words map a reading back to the word it reads).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from keitai.search import analysis
from keitai.search.normalize import fold_map

#: (text, marked) pieces of a text
Segments = list[tuple[str, bool]]


def _find_all(haystack: str, needle: str) -> Iterable[int]:
    start = haystack.find(needle)
    while start >= 0:
        yield start
        start = haystack.find(needle, start + 1)


def spans(text: str, words: Sequence[Sequence[str]]) -> list[tuple[int, int]]:
    """Return the (start, end) ranges of text where a query word is found: each word is its
    folded forms. A word found as written is marked there; only a word found nowhere as
    written is looked for in the readings and normal spellings of the text's words (which
    costs an analysis of the text)."""
    found: list[tuple[int, int]] = []
    folded, starts, ends = fold_map(text)
    unseen: list[str] = []
    for forms in words:
        seen = False
        for form in forms:
            for at in _find_all(folded, form):
                found.append((starts[at], ends[at + len(form) - 1]))
                seen = True
        if not seen:
            unseen.extend(forms)
    if unseen and not text.isascii():
        analysed = analysis.words(text)
        for attribute in ("reading", "normal"):
            joined, owner = "", []
            for index, word in enumerate(analysed):
                piece = getattr(word, attribute)
                joined += piece
                owner.extend([index] * len(piece))
            for form in unseen:
                for at in _find_all(joined, form):
                    first, last = analysed[owner[at]], analysed[owner[at + len(form) - 1]]
                    found.append((first.start, last.end))
    return _merged(found)


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def segments(text: str, words: Sequence[Sequence[str]], start: int = 0,
             end: int | None = None,
             found: list[tuple[int, int]] | None = None) -> Segments:
    """Return text[start:end] cut into marked and unmarked pieces (found: its spans, when
    the caller has them already)."""
    end = len(text) if end is None else end
    pieces: Segments = []
    position = start
    for first, last in spans(text, words) if found is None else found:
        first, last = max(first, start), min(last, end)
        if first >= last:
            continue
        if first > position:
            pieces.append((text[position:first], False))
        pieces.append((text[first:last], True))
        position = last
    if position < end:
        pieces.append((text[position:end], False))
    return pieces


def snippet(text: str, words: Sequence[Sequence[str]], width: int) -> Segments:
    """Return about width characters of text around the first word found, marked, on one
    line, with … where text was left out (the start of text when no word is found)."""
    flat = " ".join(text.split())
    found = spans(flat, words)
    start = max(0, found[0][0] - width // 4) if found else 0
    end = min(len(flat), start + width)
    pieces = segments(flat, words, start, end, found)
    if start > 0:
        pieces.insert(0, ("…", False))
    if end < len(flat):
        pieces.append(("…", False))
    return pieces
