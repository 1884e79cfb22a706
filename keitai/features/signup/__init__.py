"""Invitation-only sign-up: invite an address, verify a mobile address, accept the terms."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("signup", __name__)

from keitai.features.signup import views  # noqa: E402,F401
