"""Endorsements (紹介文): friends write how they know a member and what the member is like."""
from __future__ import annotations

from flask import Blueprint

from keitai import timefmt

bp = Blueprint("endorsements", __name__)
timefmt.register(bp)

from keitai.features.endorsements import views  # noqa: E402,F401
