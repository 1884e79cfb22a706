"""/exit: the page between our site and another, so no session token leaves with the member."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, g, render_template, request

bp = Blueprint("exit", __name__)


@bp.get("/exit")
def leave() -> str:
    """Show where an external link goes and let the member follow it."""
    url = request.args.get("url", "")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 2048:
        abort(404)
    g.external_ok = url
    return render_template("exit.html", url=url, host=parts.netloc)
