"""Messages (ミニメール): inbox, sent messages, read, write and reply, delete one's copy."""
from __future__ import annotations

from flask import Blueprint

from keitai import timefmt

bp = Blueprint("messages", __name__)
timefmt.register(bp)

from keitai.features.messages import views  # noqa: E402,F401
