"""The generated tables in emoji_maps/data/, read once on first use."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")
CARRIER_TABLES = ("docomo", "kddi", "softbank")


@dataclass(frozen=True, slots=True)
class Emoji:
    """One emoji4unicode entry."""

    id: int
    #: standard Unicode (a character or a sequence) where there is one, else the Google code
    canonical: str
    #: Google's private-use character, where it maps back to this entry
    google: str | None
    name: str
    fallback: str | None
    #: whether the canonical form is standard Unicode rather than Google's code
    standard: bool
    #: per carrier table: its codes for this emoji (round trip or nearest), maybe none
    codes: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: per carrier table: whether those codes map back to this entry
    round_trip: dict[str, bool] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CarrierCode:
    """One emoji of a carrier, in every form its handsets send or read."""

    carrier: str
    pua: int
    sjis: int
    #: au: the web private-use code; SoftBank: the web code (letter << 8 | byte)
    alt: int | None
    #: au: the localsrc number; SoftBank: its own icon number
    number: int | None
    web: bool
    name_ja: str | None
    canonical: str


@dataclass(frozen=True)
class Tables:
    """Everything the codecs and name look-ups need."""

    emoji: tuple[Emoji, ...]
    #: canonical forms and round-trip Google characters
    by_key: dict[str, Emoji]
    #: carrier table -> private-use code -> code
    codes: dict[str, dict[int, CarrierCode]]


def _rows(name: str) -> list[list[str]]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if not line.startswith("#")]


def _chars(field_: str) -> str:
    return "".join(chr(int(cp, 16)) for cp in field_.lstrip(">").split())


def _load() -> Tables:
    emoji = []
    for eid, unicode, google, docomo, kddi, softbank, fallback, name in _rows("emoji.tsv"):
        g = _chars(google) if google and not google.startswith(">") else None
        entry = Emoji(int(eid, 16), _chars(unicode) or _chars(google), g, name, fallback or None,
                      bool(unicode))
        for table, value in zip(CARRIER_TABLES, (docomo, kddi, softbank), strict=True):
            if value:
                entry.codes[table] = tuple(int(cp, 16) for cp in value.lstrip(">").split())
                entry.round_trip[table] = not value.startswith(">")
        emoji.append(entry)
    by_key = {e.canonical: e for e in emoji} | {e.google: e for e in emoji if e.google}
    owner = {(t, e.codes[t][0]): e.canonical for e in emoji for t in e.codes if e.round_trip[t]}
    codes: dict[str, dict[int, CarrierCode]] = {t: {} for t in CARRIER_TABLES}
    for carrier, pua, sjis, alt, number, web, name_ja in _rows("carrier_codes.tsv"):
        code = int(pua, 16)
        codes[carrier][code] = CarrierCode(
            carrier, code, int(sjis, 16), int(alt, 16) if alt else None,
            int(number) if number else None, web == "1", name_ja or None, owner[carrier, code])
    return Tables(tuple(emoji), by_key, codes)


_lock = threading.Lock()
_tables: Tables | None = None


def tables() -> Tables:
    """Return the tables, reading the data files on the first call only."""
    global _tables
    if _tables is None:
        with _lock:
            if _tables is None:
                _tables = _load()
    return _tables
