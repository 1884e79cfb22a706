"""Reports (通報): any member may report what another member wrote."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("reports", __name__)

from keitai.features.reports import views  # noqa: E402,F401
