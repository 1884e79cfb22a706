"""Footprints (足あと): who visited my profile, newest first."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("footprints", __name__)

from keitai.features.footprints import views  # noqa: E402,F401
