"""/login and /logout: password login, rate-limited per account and per address."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("login", __name__)

from keitai.features.login import views  # noqa: E402,F401
