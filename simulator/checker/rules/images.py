"""Rules on images (see simulator.checker.rules)."""
from __future__ import annotations
