"""News text for handsets: cut for a list line (machine-dependent characters are written in
standard ones by keitai.feeds.standard before they are stored)."""
from __future__ import annotations

#: the longest headline a list line or home shows (the item's page shows it whole)
HEADLINE_MAX = 40
#: the longest source name a list line or home shows
SOURCE_SHOWN = 20


def headline(title: str, limit: int = HEADLINE_MAX) -> str:
    """Return a title cut to limit characters, "…" ending one that was cut."""
    return title if len(title) <= limit else title[:limit - 1] + "…"
