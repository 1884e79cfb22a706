"""Rules on markup (see simulator.checker.rules)."""
from __future__ import annotations
