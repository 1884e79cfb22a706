"""Communities (コミュニティ): browse, join, create; topics with numbered comments, events,
polls, and the admins' page."""
from __future__ import annotations

from flask import Blueprint

from keitai import timefmt

bp = Blueprint("communities", __name__)
timefmt.register(bp)

from keitai.features.communities import (  # noqa: E402,F401
    admin_views,
    event_views,
    poll_views,
    topic_photo_views,
    topic_views,
    views,
)
