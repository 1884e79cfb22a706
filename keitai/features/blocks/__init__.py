"""Blocking: a member shuts another out; the two see and reach nothing of each other."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("blocks", __name__)

from keitai.features.blocks import views  # noqa: E402,F401
