"""Posting by mail (メール投稿): each member's secret posting address."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("mail_post", __name__)
