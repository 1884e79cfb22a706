"""Read google/emoji4unicode's data files and check them against the carriers' code layout."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from emoji_maps.sjis import sjis_code, sjis_index

CARRIER_FILES = {"docomo": "docomo.xml", "kddi": "kddi.xml", "softbank": "softbank.xml"}
#: Shift_JIS ↔ private use, as (first PUA, last PUA, first Shift_JIS code) runs over valid codes
SJIS_SEGMENTS = {
    "docomo": [(0xE63E, 0xE757, 0xF89F)],
    "kddi": [(0xE468, 0xE5B4, 0xF640), (0xE5B5, 0xE5CC, 0xF7E5), (0xE5CD, 0xE5DF, 0xF340),
             (0xEA80, 0xEAFA, 0xF353), (0xEAFB, 0xEB0D, 0xF7D2), (0xEB0E, 0xEB8E, 0xF3CF)],
    "softbank": [(0xE001, 0xE05A, 0xF941), (0xE101, 0xE15A, 0xF741), (0xE201, 0xE25A, 0xF7A1),
                 (0xE301, 0xE34D, 0xF9A1), (0xE401, 0xE44C, 0xFB41), (0xE501, 0xE53E, 0xFBA1)],
}
#: au handsets submit "web" private use: the Shift_JIS code minus this
KDDI_WEB_OFFSET = 0x0700
#: au's two Shift_JIS blocks, F340–F4FC and F640–F7FC, as web private use
KDDI_WEB_BLOCKS = [(0xF340, 0xF4FC), (0xF640, 0xF7FC)]
#: SoftBank web-code page letters for PUA high bytes E0, E1, ... E5
SOFTBANK_PAGES = "GEFOPQ"


@dataclass(frozen=True)
class CarrierEntry:
    """One emoji in a carrier's own table."""

    carrier: str
    pua: int
    number: int | None
    name_ja: str | None
    #: docomo: has a JIS code; au: has a name; SoftBank: has a number (logos have none)
    web: bool


def sjis_for(carrier: str, pua: int) -> int:
    """Return the Shift_JIS code of a carrier's private-use emoji."""
    for first, last, sjis in SJIS_SEGMENTS[carrier]:
        if first <= pua <= last:
            return sjis_code(sjis_index(sjis) + pua - first)
    raise ValueError(f"{carrier} U+{pua:04X} is outside every Shift_JIS segment")


def webcode_for(pua: int) -> int:
    """Return a SoftBank emoji's web code as two bytes: page letter, position + 0x20."""
    return ord(SOFTBANK_PAGES[(pua >> 8) - 0xE0]) << 8 | ((pua & 0xFF) + 0x20)


def read_entries(root: Path) -> list[dict[str, str]]:
    """Return the attributes of every e element of emoji4unicode.xml, in id order."""
    tree = ET.parse(root / "emoji4unicode.xml")
    entries = [dict(e.attrib) for e in tree.getroot().iter("e")]
    return sorted(entries, key=lambda e: int(e["id"], 16))


def read_carrier(root: Path, carrier: str) -> list[CarrierEntry]:
    """Return a carrier's emoji from carriers/<carrier>.xml, in code order."""
    tree = ET.parse(root / "carriers" / CARRIER_FILES[carrier])
    codes = []
    for e in tree.getroot().iter("e"):
        number = e.get("number")
        web = {"docomo": "jis", "kddi": "name_ja", "softbank": "number"}[carrier]
        codes.append(CarrierEntry(carrier, int(e.attrib["unicode"], 16),
                                 int(number) if number else None, e.get("name_ja") or None,
                                 bool(e.get(web))))
    return sorted(codes, key=lambda c: c.pua)


def read_sources(root: Path) -> list[tuple[str, list[int | None]]]:
    """Return EmojiSources.txt rows: the Unicode sequence and its docomo, KDDI, SoftBank codes."""
    rows = []
    for line in (root / "EmojiSources.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            fields = line.split(";")
            text = "".join(chr(int(cp, 16)) for cp in fields[0].split())
            rows.append((text, [int(f, 16) if f else None for f in fields[1:4]]))
    return rows


def codes_of(value: str | None) -> tuple[bool, list[int]]:
    """Split a carrier attribute into (round trip?, codes), e.g. '>E63E+E63F'."""
    if not value:
        return True, []
    return not value.startswith(">"), [int(v, 16) for v in value.lstrip(">").split("+")]


def unicode_of(entry: dict[str, str]) -> str | None:
    """Return an entry's standard Unicode character or sequence, if it has one."""
    value = entry.get("unicode", "").lstrip("+*")
    return "".join(chr(int(v, 16)) for v in value.split("+")) if value else None


def verify(entries: list[dict[str, str]], carriers: dict[str, list[CarrierEntry]],
           sources: list[tuple[str, list[int | None]]]) -> None:
    """Raise ValueError where the files disagree with each other or with the segments."""
    canon = [unicode_of(e) or "g" + e.get("google", "").lstrip(">") for e in entries]
    if len(set(canon)) != len(canon):
        raise ValueError("two entries share a canonical form")
    by_text = {unicode_of(e): e for e in entries if unicode_of(e)}
    for carrier, codes in carriers.items():
        known = {c.pua for c in codes}
        rt = [codes_of(e.get(carrier)) for e in entries]
        round_trip = [c[0] for ok, c in rt if ok and c]
        if sorted(round_trip) != sorted(known) or any(len(c) > 1 for ok, c in rt if ok):
            raise ValueError(f"{carrier}: round-trip codes differ from its carrier table")
        if any(code not in known for _ok, c in rt for code in c):
            raise ValueError(f"{carrier}: a one-way mapping names an unknown code")
        for pua in known:
            sjis_for(carrier, pua)
        column = list(CARRIER_FILES).index(carrier)
        for text, sjis in sources:
            if text not in by_text:
                raise ValueError(f"EmojiSources.txt row {text!r} is not in emoji4unicode.xml")
            ok, listed = codes_of(by_text[text].get(carrier))
            if sjis[column] is None:
                continue
            if not ok or not listed or sjis_for(carrier, listed[0]) != sjis[column]:
                raise ValueError(f"EmojiSources.txt row {text!r} disagrees for {carrier}")
