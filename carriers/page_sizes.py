"""How big a part of a long page may be on each kind of handset: a comfortable read.

A handset's page limit (Handset.page_limit_bytes) is the most it can show at all: 30 KB on a
FOMA is some 240 packets, slow to come and paid for packet by packet. A long page is cut into
parts of a comfortable size instead, chosen per markup family (the handset generation it
stands for): cHTML is what mova, J-PHONE, HDML-era au and WILLCOM handsets read, 5-10 KB
browsers on slow networks, so 3 KB; i-XHTML (FOMA) and XHTML MP (au WAP 2.0, SoftBank 3G)
are 3G handsets, so 6 KB. A browser without a page limit (smartphone, PC) is never cut.
The site's configuration may change the table (keitai.config, KEITAI_SPLIT_BYTES).
"""
from __future__ import annotations

from collections.abc import Mapping

from carriers.handset import MARKUPS, Handset

#: comfortable bytes of a part by markup family; a family missing (or 0) is cut at its limit
DEFAULT_SPLIT_BYTES: dict[str, int] = {"chtml": 3 * 1024, "ixhtml": 6 * 1024,
                                       "xhtml_mp": 6 * 1024}


def parse_split_bytes(text: str | None) -> dict[str, int]:
    """Return the table DEFAULT_SPLIT_BYTES with the "family=bytes,..." items of text over
    it (0: cut only at the handset's limit); ValueError for an unknown family or a bad size."""
    table = dict(DEFAULT_SPLIT_BYTES)
    for item in (text or "").split(","):
        if not item.strip():
            continue
        family, equals, size = item.partition("=")
        family = family.strip().lower()
        if family not in MARKUPS or not equals or not size.strip().isdigit():
            raise ValueError(f"KEITAI_SPLIT_BYTES: {item.strip()!r} is not family=bytes "
                             f"(families: {', '.join(MARKUPS)})")
        table[family] = int(size)
    return table


def split_bytes(handset: Handset, table: Mapping[str, int]) -> int | None:
    """Return the most bytes a part of a long page may have on this handset (never above its
    page limit), or None where pages are never cut."""
    limit = handset.page_limit_bytes
    if limit is None:
        return None
    comfortable = table.get(handset.markup) or limit
    return min(comfortable, limit)
