"""Readings and dictionary forms of Japanese text, by SudachiPy with its core dictionary.

A member types a word in kana, the text has it in kanji (とうきょう / 東京, らーめん / 拉麺); or
the two spell it differently (バイオリン / ヴァイオリン). The analyser splits text into words
and gives each its reading and the spelling the dictionary normalises it to. A document is
indexed under three lines: its text, the text read aloud (kanji words replaced by their
readings) and the text with each word in its normal spelling; a query matches when any of
its own three forms is found in any of them. All three are folded (keitai.search.normalize).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from keitai.search.normalize import fold

#: Sudachi refuses longer input; text is analysed a line at a time, long lines in pieces
_PIECE = 4000
_local = threading.local()


def _tokenizer() -> Any:
    """Return this thread's tokenizer (a Sudachi tokenizer is not shared between threads)."""
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        from sudachipy import (  # type: ignore[import-untyped]  # noqa: PLC0415
            Dictionary,
            SplitMode,
        )

        tokenizer = Dictionary(dict="core").tokenizer(mode=SplitMode.C)
        _local.tokenizer = tokenizer
    return tokenizer


def _has_kanji(text: str) -> bool:
    return any("\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"
               or "\uf900" <= char <= "\ufaff" or char in "々〆ヶ" for char in text)


def _is_japanese(text: str) -> bool:
    return any("\u3040" <= char <= "\u30ff" or "\uff66" <= char <= "\uff9f" for char in text) \
        or _has_kanji(text)


class Word(NamedTuple):
    """One word of analysed text: where it is, and folded, as written, its reading and its
    normal spelling."""

    start: int
    end: int
    surface: str
    reading: str
    normal: str


@lru_cache(maxsize=1 << 16)
def _word_forms(surface: str, reading: str, normal: str) -> tuple[str, str, str]:
    """Return the folded (surface, reading, normal) of a word: kanji words are read out,
    Japanese words take the dictionary's spelling, the rest (Latin, digits, symbols) stay as
    written (Sudachi reads ☆ as キゴウ and 1984 digit by digit)."""
    folded = fold(surface)
    return (folded, fold(reading) if _has_kanji(surface) else folded,
            fold(normal) if _is_japanese(surface) else folded)


def words(text: str) -> list[Word]:
    """Return the words of text with their offsets in text."""
    found: list[Word] = []
    offset = 0
    tokenizer = _tokenizer()
    for line in text.splitlines(keepends=True):
        for begin in range(0, len(line), _PIECE):
            piece = line[begin:begin + _PIECE]
            if piece.strip():
                base = offset + begin
                for morpheme in tokenizer.tokenize(piece):
                    found.append(Word(base + morpheme.begin(), base + morpheme.end(),
                                      *_word_forms(morpheme.surface(), morpheme.reading_form(),
                                                   morpheme.normalized_form())))
        offset += len(line)
    return found


@dataclass(frozen=True, slots=True)
class Forms:
    """Text as written, as read aloud and in normal spelling, each folded."""

    surface: str
    reading: str
    normal: str

    def distinct(self) -> list[str]:
        """Return the forms that differ, the written one first."""
        seen: list[str] = []
        for form in (self.surface, self.reading, self.normal):
            if form and form not in seen:
                seen.append(form)
        return seen


def forms(text: str) -> Forms:
    """Return the three forms of text: as written, read aloud (spaces kept), and the normal
    spellings of the words whose spelling the dictionary changes, apart by spaces."""
    analysed = words(text)
    reading: list[str] = []
    position = 0
    for word in analysed:
        if word.start > position:
            reading.append(fold(text[position:word.start]))
        reading.append(word.reading)
        position = word.end
    reading.append(fold(text[position:]))
    normal = " ".join(word.normal for word in analysed if word.normal != word.surface)
    return Forms(fold(text), "".join(reading), normal)
