"""Pages of the reports feature."""
from __future__ import annotations

from keitai.features.reports import bp  # noqa: F401
