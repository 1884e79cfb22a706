"""Forgotten passwords: a single-use, expiring link mailed to the member's address."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("password_reset", __name__)

from keitai.features.password_reset import views  # noqa: E402,F401
