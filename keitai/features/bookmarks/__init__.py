"""Bookmarks (お気に入り): members I keep a link to."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("bookmarks", __name__)

from keitai.features.bookmarks import views  # noqa: E402,F401
