"""Premium membership (プレミアム): the page that explains it."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("premium", __name__)

from keitai.features.premium import views  # noqa: E402,F401
