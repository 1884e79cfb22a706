"""Rules on charset (see simulator.checker.rules)."""
from __future__ import annotations
