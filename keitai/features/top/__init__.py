"""The top page."""
from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("top", __name__)


@bp.get("/")
def index() -> str:
    """Show the top page."""
    return render_template("top.html")
