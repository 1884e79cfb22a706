"""The UI's CSRF protection: a POST must come from the UI's own pages.

Every state-changing route of the UI is a POST (clear a handset's cookies, delete the mail,
record, save a handset), and browsers name the page a POST comes from in Origin and
Sec-Fetch-Site; a POST another site's page makes the tester's browser send is refused. A
request naming no origin (a script, curl, Flask's test client) is no browser's cross-site
request and is let through.
"""
from __future__ import annotations

from flask import Flask, Response, request

#: what Sec-Fetch-Site says of a request the UI's own pages made (none: typed or bookmarked)
_OWN = frozenset({"same-origin", "none"})


def refuse_cross_site() -> Response | None:
    """Answer 403 to a POST from another origin; None lets the request through."""
    if request.method != "POST":
        return None
    fetch_site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    if fetch_site is not None and fetch_site not in _OWN:
        return _refused()
    if origin is not None and origin != request.host_url.rstrip("/"):
        return _refused()
    return None


def _refused() -> Response:
    return Response("the simulator takes POSTs from its own pages only", status=403,
                    mimetype="text/plain")


def init_app(app: Flask) -> None:
    """Check every POST before the UI's routes see it (after the HTTP proxy's relay)."""
    app.before_request(refuse_cross_site)
