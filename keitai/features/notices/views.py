"""Pages of the notices feature."""
from __future__ import annotations

from keitai.features.notices import bp  # noqa: F401
