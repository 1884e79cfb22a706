"""Rate-limit counters, kept in the database because several app servers share them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from keitai.models.base import Base


class RateCounter(Base):
    """How often something happened to one subject in one fixed time window."""

    __tablename__ = "rate_counters"

    #: limit name, keyed hash of the subject (an address, an account) and window number
    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    count: Mapped[int] = mapped_column()
    #: when the window is over and the row may go
    expires_at: Mapped[datetime] = mapped_column(index=True)
