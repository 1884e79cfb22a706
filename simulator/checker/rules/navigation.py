"""Rules on navigation (see simulator.checker.rules)."""
from __future__ import annotations
