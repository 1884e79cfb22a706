"""レビュー: items (books, CDs, DVDs, games, electronics) and members' reviews of them."""
from __future__ import annotations

from flask import Blueprint

from keitai import timefmt
from keitai.features.reviews import shown

bp = Blueprint("reviews", __name__)
timefmt.register(bp)
shown.register(bp)

from keitai.features.reviews import views, write_views  # noqa: E402,F401
