"""The pages of blog (scaffolding, to be built)."""
from __future__ import annotations

from flask import abort

from keitai.features.blog import bp


@bp.get("/settings/blog")
def settings() -> str:
    """Register, change or remove my external blog. (scaffolding: not built yet)"""
    abort(404)
