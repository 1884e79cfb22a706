"""The demo's help: its logins on the top page, and /demo (only under `keitai demo`)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("demo", __name__)

from keitai.features.demo import views  # noqa: E402,F401
