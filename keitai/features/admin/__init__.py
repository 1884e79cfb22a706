"""The operators' console (/admin): reports, moderation, bans, the audit log."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("admin", __name__)

from keitai.features.admin import views  # noqa: E402,F401
