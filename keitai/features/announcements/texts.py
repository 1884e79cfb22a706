"""How お知らせ words and days are shown: short enough for a line of a small handset."""
from __future__ import annotations

from datetime import datetime

from keitai.timefmt import JST

#: the most characters of a notice shown as its headline (home, the list)
HEADLINE_MAX = 24


def headline(text: str) -> str:
    """Return a notice's first line, cut to HEADLINE_MAX characters with … when cut."""
    text = text.strip()
    first = text.split("\n", 1)[0].rstrip()
    if len(first) > HEADLINE_MAX:
        return first[:HEADLINE_MAX - 1] + "…"
    return first if first == text else first + "…"


def jst_date(value: datetime) -> str:
    """Return the day of a UTC time in Japan: '12/07'."""
    return value.astimezone(JST).strftime("%m/%d")
