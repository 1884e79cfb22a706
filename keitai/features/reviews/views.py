"""The pages of reviews (scaffolding, to be built)."""
from __future__ import annotations

from flask import abort

from keitai.features.reviews import bp


@bp.get("/reviews")
def index() -> str:
    """The reviews top page. (scaffolding: not built yet)"""
    abort(404)
