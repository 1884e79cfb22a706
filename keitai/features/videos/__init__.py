"""Videos (動画): premium members' videos, transcoded for what each handset plays."""
from __future__ import annotations

from flask import Blueprint

from keitai import timefmt

bp = Blueprint("videos", __name__)
timefmt.register(bp)

from keitai.features.videos import files, views  # noqa: E402,F401
