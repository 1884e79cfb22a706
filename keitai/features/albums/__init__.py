"""Albums (フォトアルバム): members' photos in albums, with comments, on every handset."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("albums", __name__)
