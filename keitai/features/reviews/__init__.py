"""レビュー: items (books, CDs, DVDs, games, electronics) and members' reviews of them."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("reviews", __name__)

from keitai.features.reviews import views  # noqa: E402,F401
