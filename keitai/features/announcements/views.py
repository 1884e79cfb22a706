"""Pages of the announcements feature."""
from __future__ import annotations

from keitai.features.announcements import bp  # noqa: F401
