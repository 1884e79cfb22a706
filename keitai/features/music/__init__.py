"""ミュージック: what members' players report (now playing), and rankings."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("music", __name__)

from keitai.features.music import api, settings_views, views  # noqa: E402,F401
