"""The pages of news (scaffolding, to be built)."""
from __future__ import annotations

from flask import abort

from keitai.features.news import bp


@bp.get("/news")
def index() -> str:
    """The news top page: ピックアップ and the categories. (scaffolding: not built yet)"""
    abort(404)
