"""Pages of the admin feature."""
from __future__ import annotations

from keitai.features.admin import bp  # noqa: F401
