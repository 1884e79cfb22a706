"""Videos (動画): premium members' videos, transcoded for what each handset plays."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("videos", __name__)
