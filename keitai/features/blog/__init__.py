"""外部ブログ: a member's external blog, resyndicated into their diary."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("blog", __name__)

from keitai.features.blog import views  # noqa: E402,F401
