"""Albums (フォトアルバム): members' photos in albums, with comments, on every handset."""
from __future__ import annotations

from flask import Blueprint

from keitai import timefmt

bp = Blueprint("albums", __name__)
timefmt.register(bp)

from keitai.features.albums import views  # noqa: E402,F401
