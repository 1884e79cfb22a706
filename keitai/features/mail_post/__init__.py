"""Posting by mail (メール投稿): each member's secret posting address."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("mail_post", __name__)

from keitai.features.mail_post import views  # noqa: E402,F401
