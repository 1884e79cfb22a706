"""Index terms: every character and every pair of neighbouring characters of folded text.

Japanese has no spaces between words, and most of its words are one or two characters long
(猫, 東京), so the index holds n-grams, not words: a query of one character matches a
character (a unigram), a longer one the run of character pairs (bigrams) it is made of, one
after the other (a phrase). Terms are written as hex code points (東京 -> "6771g4eac"): every
engine's tokenizer keeps them whole, and no character a member types (quotes, `*`, `NEAR`,
emoji) can mean anything to a query parser.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

#: the term that separates runs of text in the bigram column, so no phrase spans a space
BREAK = "0"
#: the longest text of one document that is indexed (characters of all its forms together)
INDEX_CHARS_MAX = 20000


@lru_cache(maxsize=1 << 14)
def unigram(char: str) -> str:
    return f"{ord(char):x}"


def bigram(first: str, second: str) -> str:
    return f"{unigram(first)}g{unigram(second)}"


@dataclass(frozen=True, slots=True)
class Terms:
    """A document's terms: its distinct unigrams, and its bigrams in order, runs apart."""

    unigrams: list[str]
    #: runs of bigrams; the bigrams of one run follow each other
    runs: list[list[str]]

    def unigram_text(self) -> str:
        return " ".join(self.unigrams)

    def bigram_text(self) -> str:
        return f" {BREAK} ".join(" ".join(run) for run in self.runs if run)


def terms(forms: Iterable[str]) -> Terms:
    """Return the terms of a document given its folded forms (whitespace separates runs)."""
    unigrams: dict[str, None] = {}
    runs: list[list[str]] = []
    budget = INDEX_CHARS_MAX
    for form in forms:
        for run in form.split():
            run = run[:budget]
            budget -= len(run)
            hexes = [unigram(char) for char in run]
            unigrams.update(dict.fromkeys(hexes))
            if len(run) > 1:
                runs.append([f"{a}g{b}" for a, b in zip(hexes, hexes[1:], strict=False)])
            if budget <= 0:
                return Terms(list(unigrams), runs)
    return Terms(list(unigrams), runs)


@dataclass(frozen=True, slots=True)
class Needle:
    """One form of one query word: a unigram to find, or bigrams to find in a row."""

    text: str

    @property
    def unigram(self) -> str | None:
        return unigram(self.text) if len(self.text) == 1 else None

    @property
    def bigrams(self) -> list[str]:
        return [bigram(a, b) for a, b in zip(self.text, self.text[1:], strict=False)]


def needles(forms: Sequence[str]) -> list[Needle]:
    """Return the needles of one query word from its folded forms (runs of no spaces)."""
    return [Needle(form) for form in forms if form and not any(c.isspace() for c in form)]
