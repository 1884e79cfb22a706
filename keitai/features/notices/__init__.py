"""Notices by mail: what a member is told, and how often (/settings/notices)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("notices", __name__)

from keitai.features.notices import views  # noqa: E402,F401
