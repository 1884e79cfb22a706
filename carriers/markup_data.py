"""The markup-support data, carriers/data/markup_support.json: read once, composed per browser
generation and version.

A browser record lists its element tables and the names known to be absent or unconfirmed;
its "versions" apply in order (cumulatively) up to the version asked for. The file's "meta"
and "sources" keys say where every fact comes from and how sure it is.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

#: the data file, shipped with the package
DATA_FILE = Path(__file__).parent / "data" / "markup_support.json"
#: keys of a browser record or version entry that build the tables (the rest are fields)
_TABLE_KEYS = frozenset({"elements", "absent", "unconfirmed", "confirmed", "complete", "set",
                         "versions", "sources", "notes", "confidence"})
# i-mode browser 2.0 model codes in the User-Agent end in a digit the product name lacks
_BROWSER2_CODE = re.compile(r"([A-Z]{1,2}[0-9]{2}[A-Z])[0-9]")


@dataclass(frozen=True)
class Composed:
    """One browser generation at one version: its fields and its element tables."""

    #: scalar fields of the record after every version's "set"
    fields: Mapping[str, Any]
    #: element -> attributes known to be read
    elements: Mapping[str, frozenset[str]]
    #: element names and element@attribute pairs known not to be read
    absent: frozenset[str]
    #: names the sources disagree on or do not settle
    unconfirmed: frozenset[str]
    #: the tables are complete (a name not listed is not read)
    complete: bool


@cache
def data() -> dict[str, Any]:
    """Return the whole data file (read once)."""
    loaded: dict[str, Any] = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return loaded


def browser_ids() -> list[str]:
    """Return the ids of every browser record."""
    return list(data()["browsers"])


def versions_of(browser: str) -> list[str]:
    """Return the versions a browser record knows, oldest first."""
    return list(data()["browsers"][browser].get("versions", {}))


@cache
def compose(browser: str, version: str = "") -> Composed:
    """Return a browser record at a version (its last version when version is not listed)."""
    record = data()["browsers"][browser]
    builder = _Builder({k: v for k, v in record.items() if k not in _TABLE_KEYS})
    builder.apply(record)
    for number, entry in record.get("versions", {}).items():
        builder.apply(entry)
        if number == version:
            break
    if not record.get("permissive"):
        builder.absent.update(data()["later_html"]["elements"])
    return builder.composed()


class _Builder:
    """Accumulates version entries into one Composed."""

    def __init__(self, fields: dict[str, Any]) -> None:
        self.fields = fields
        self.elements: dict[str, set[str]] = {}
        self.absent: set[str] = set()
        self.unconfirmed: set[str] = set()
        self.complete = False

    def apply(self, entry: Mapping[str, Any]) -> None:
        """Add one record or version entry: what it reads is no longer absent, then what it
        lists as absent is."""
        for table in entry.get("elements", ()):
            named = data()["element_sets"][table]["elements"] if isinstance(table, str) else table
            for element, attributes in named.items():
                self.elements.setdefault(element, set()).update(attributes)
                self.absent.difference_update([element, *(f"{element}@{a}" for a in attributes)])
        self.absent.update(entry.get("absent", ()))
        self.unconfirmed.update(entry.get("unconfirmed", ()))
        self.unconfirmed.difference_update(entry.get("confirmed", ()))
        self.complete = bool(entry.get("complete", self.complete))
        self.fields.update(entry.get("set", {}))

    def composed(self) -> Composed:
        """Return what was accumulated."""
        return Composed(dict(self.fields), {k: frozenset(v) for k, v in self.elements.items()},
                        frozenset(self.absent), frozenset(self.unconfirmed), self.complete)


@cache
def _docomo_index() -> dict[str, dict[str, str]]:
    index: dict[str, dict[str, str]] = {}
    for model, entry in data()["docomo_models"]["models"].items():
        for name in _spellings(model):
            index.setdefault(name, entry)
    return index


def _spellings(model: str) -> Iterable[str]:
    yield model
    plain = model.rsplit("_", 1)[-1]  # "MST_v_SH2101V": the User-Agent parser drops the prefix
    yield plain
    code = _BROWSER2_CODE.fullmatch(plain)
    if code is not None:
        yield code.group(1)


def docomo_model(model: str | None) -> dict[str, str] | None:
    """Return the docomo data for a model ({"html": "5.0"}, {"html": "7.0", "ixhtml": "2.1"},
    {"browser": "2.0"}), None for a model the data does not list."""
    if not model:
        return None
    index = _docomo_index()
    plain = model.replace("-", "")
    for name in _spellings(plain):
        if name in index:
            return index[name]
    return None


def docomo_fallback() -> dict[str, Any]:
    """Return how a docomo model missing from the data is placed."""
    found: dict[str, Any] = data()["docomo_fallback"]
    return found
