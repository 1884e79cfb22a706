"""Search (検索): members, communities, diaries and topics, as Japanese is typed on a phone."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("search", __name__)

from keitai.features.search import views  # noqa: E402,F401
