"""Profiles: a member's page, the rest of their profile, editing it, the photo."""
from __future__ import annotations

from typing import Any

from flask import Blueprint
from werkzeug.routing import BuildError

bp = Blueprint("profile", __name__)


@bp.app_template_global()
def optional_url(endpoint: str, **values: Any) -> str | None:
    """Return the URL of endpoint, or None while the feature that serves it is not there."""
    from flask import url_for

    try:
        return url_for(endpoint, **values)
    except BuildError:
        return None


from keitai.features.profile import photo_views, views  # noqa: E402,F401
