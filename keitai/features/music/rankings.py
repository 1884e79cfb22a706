"""Recompute the rankings when they are due (the worker's maintenance calls it)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session


def compute_due(session: Session, now: datetime) -> int:
    """Recompute the rankings when they are due.

    Return how much this call did (0: nothing left to do now)."""
    return 0
