"""ニュース: headlines by category from the operators' RSS/Atom feeds, and ピックアップ."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("news", __name__)

from keitai.features.news import views  # noqa: E402,F401
