"""The notices' clock: one place for tests to move time (windows, the daily cap, events)."""
from __future__ import annotations

from datetime import datetime

from keitai.models.base import utcnow


def now() -> datetime:
    """Return the current time in UTC."""
    return utcnow()
