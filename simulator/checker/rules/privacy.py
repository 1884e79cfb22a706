"""Rules on privacy (see simulator.checker.rules)."""
from __future__ import annotations
