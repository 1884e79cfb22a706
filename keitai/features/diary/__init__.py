"""Diaries (日記): write, read, comment; friends' diaries newest first."""
from __future__ import annotations

from flask import Blueprint

from keitai import timefmt

bp = Blueprint("diary", __name__)
timefmt.register(bp)

from keitai.features.diary import views  # noqa: E402,F401
