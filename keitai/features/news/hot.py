"""Home's ニュース area kept hot in Redis (keitai.cache), beside home's other keys.

`news-home:<size>` holds the headlines home shows, the same for every member (site-wide):
forgotten when an operator picks or unpicks an item and when the worker stores new items,
and otherwise kept HOME_SECONDS at most, so a pick growing older than HOME_PICK_HOURS leaves
home within that time.
"""
from __future__ import annotations

from keitai.cache import invalidate_after_commit

#: how many headlines home shows, on every handset
HOME_SIZE = 3
#: how long home's headlines may be served from Redis at most
HOME_SECONDS = 60


def home_key(size: int = HOME_SIZE) -> str:
    """Return the cache key of the headlines home shows."""
    return f"news-home:{size}"


def headlines_changed() -> None:
    """Forget home's headlines once the current unit of work commits."""
    invalidate_after_commit(home_key())
