"""`keitai-station`: tell the site what a player is playing (scaffolding, to be built)."""
from __future__ import annotations


def main() -> None:
    """Submit plays to POST /api/plays."""
    raise SystemExit("keitai-station: not built yet")
