"""The pages of music (scaffolding, to be built)."""
from __future__ import annotations

from flask import abort

from keitai.features.music import bp


@bp.get("/music")
def index() -> str:
    """The music top page: rankings and my recent plays. (scaffolding: not built yet)"""
    abort(404)


@bp.get("/settings/music")
def settings() -> str:
    """My player's token and who sees my plays. (scaffolding: not built yet)"""
    abort(404)
