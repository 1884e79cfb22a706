"""Friends (マイミク): the list, requests with a message, accept, decline, remove."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("friends", __name__)

from keitai.features.friends import views  # noqa: E402,F401
