"""Account settings: mail address, password, withdrawal."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("settings", __name__)

from keitai.features.settings import views  # noqa: E402,F401
