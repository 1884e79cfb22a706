"""The worker's side of notices by mail."""
from __future__ import annotations
