"""Premium membership (プレミアム): the page that explains it."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("premium", __name__)
