"""Home (`/` for a member): what is new first, then the friends' latest diaries, then the menu."""
from __future__ import annotations

from flask import Blueprint

from keitai import timefmt

bp = Blueprint("home", __name__)
timefmt.register(bp)
