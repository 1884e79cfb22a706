"""Message tests use the diary tests' members, handsets, friends and blocks."""
from __future__ import annotations

from tests.diary.conftest import app, blocks, browse, emails, friends, member  # noqa: F401
