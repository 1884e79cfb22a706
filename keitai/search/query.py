"""A search query as a member types it: words apart by spaces, each in its three forms."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from keitai.domain import DomainError
from keitai.search.analysis import forms
from keitai.search.grams import Needle, needles

#: the longest query, in characters, and the most words one query may hold
QUERY_MAX = 100
WORDS_MAX = 5


class BadQuery(DomainError):
    """A query that cannot be searched for; the message says why, in the member's words."""


@dataclass(frozen=True, slots=True)
class QueryWord:
    """One word of a query: as typed, and the forms it is looked for in."""

    typed: str
    #: folded forms: as written, as read aloud, in the dictionary's spelling
    forms: tuple[str, ...]

    @property
    def needles(self) -> list[Needle]:
        return needles(self.forms)


@dataclass(frozen=True, slots=True)
class Query:
    """The words a search must find, every one of them (AND)."""

    text: str
    words: tuple[QueryWord, ...]

    @property
    def needles(self) -> list[list[Needle]]:
        return [word.needles for word in self.words]


def _meaningless(word: str) -> bool:
    """Return True for a word of punctuation and ASCII symbols alone ("", *, -, ...)."""
    return all(unicodedata.category(char).startswith("P")
               or (char.isascii() and not char.isalnum()) for char in word)


def parse(raw: str | None) -> Query:
    """Return the query of the text a member typed; BadQuery when there is nothing to search
    for or too much."""
    text = " ".join((raw or "").split())
    if len(text) > QUERY_MAX:
        raise BadQuery(f"検索する言葉は{QUERY_MAX}文字以内で入力してください。")
    typed = [word for word in text.split() if not _meaningless(word)]
    if not typed:
        raise BadQuery("検索する言葉を入力してください。")
    if len(typed) > WORDS_MAX:
        raise BadQuery(f"検索する言葉は{WORDS_MAX}つまでです。")
    words: list[QueryWord] = []
    for word in dict.fromkeys(typed):
        found = QueryWord(word, tuple(forms(word).distinct()))
        if found.needles:
            words.append(found)
    if not words:
        raise BadQuery("検索する言葉を入力してください。")
    return Query(text, tuple(words))
