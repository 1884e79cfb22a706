"""Friends (マイミク): the list, requests with a message, accept, decline, remove; a
member's friend list, the friends in common, and who sees my list."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("friends", __name__)

from keitai.features.friends import list_views, views  # noqa: E402,F401
