"""Carrier codes in every byte form the handsets use, and EmojiSources.txt rows."""
from __future__ import annotations

from pathlib import Path

from emoji_maps.tables import CarrierCode, tables

#: Unicode's EmojiSources.txt, beside the emoji4unicode data it ships with
EMOJI_SOURCES = Path(__file__).parents[1] / "data" / "emoji4unicode" / "EmojiSources.txt"


def codes(table: str) -> list[CarrierCode]:
    """Return every emoji of a carrier table ("docomo", "kddi", "softbank")."""
    return list(tables().codes[table].values())


def sjis(code: CarrierCode) -> bytes:
    """Return a carrier emoji's Shift_JIS bytes."""
    return code.sjis.to_bytes(2, "big")


def utf8(point: int) -> bytes:
    """Return the UTF-8 bytes of one code point."""
    return chr(point).encode("utf-8")


def web_code(code: CarrierCode) -> bytes:
    """Return a SoftBank emoji as a one-emoji web-code run."""
    assert code.alt is not None
    return b"\x1b$" + code.alt.to_bytes(2, "big") + b"\x0f"


def emoji_sources() -> list[tuple[str, list[int | None]]]:
    """Return EmojiSources.txt rows: the Unicode text and its docomo, KDDI, SoftBank codes."""
    rows = []
    for line in EMOJI_SOURCES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            fields = line.split(";")
            text = "".join(chr(int(cp, 16)) for cp in fields[0].split())
            rows.append((text, [int(f, 16) if f else None for f in fields[1:4]]))
    return rows
