"""Rules on emoji (see simulator.checker.rules)."""
from __future__ import annotations
