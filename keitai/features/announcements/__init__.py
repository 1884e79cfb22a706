"""お知らせ: the operators' announcements and the notices addressed to one member."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("announcements", __name__)

from keitai.features.announcements import views  # noqa: E402,F401
