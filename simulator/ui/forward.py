"""The simulator as an HTTP proxy: point a PC browser's proxy at it to browse as the handset.

A request whose target is an absolute http:// URL is not for the UI: it is sent on as the
handset the tester last used, through its gateway (ids, X-Forwarded-For, its cookie jar), and
the site's answer comes back unchanged except for hop-by-hop headers and cookies (the
simulator keeps those per handset). HTTPS (CONNECT) is not relayed.
"""
from __future__ import annotations

from flask import Flask, Response, request

from simulator.browser import RedirectLoop
from simulator.ui import simulator

_HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-authenticate", "transfer-encoding",
                         "proxy-authorization", "te", "trailer", "upgrade", "set-cookie",
                         "content-length", "server", "date"})


def forward() -> Response | None:
    """Relay a proxy request as the current handset; None lets the UI handle the request."""
    uri = request.environ.get("REQUEST_URI") or request.environ.get("RAW_URI") or ""
    if request.method == "CONNECT":
        return Response("HTTPS is not relayed by the simulator", status=405)
    if not uri.startswith("http://"):
        return None
    sim = simulator()
    browser = sim.browser(sim.current_handset)
    body = request.get_data() if request.method in ("POST", "PUT") else None
    try:
        exchange = browser.fetch(request.method, uri, body, follow=False,
                                 content_type=request.content_type or "")
    except (OSError, RedirectLoop, ValueError) as error:
        return Response(f"the simulator could not reach {uri}: {error}", status=502)
    headers = [(name, value) for name, value in exchange.response_headers
               if name.lower() not in _HOP_BY_HOP]
    return Response(exchange.body, status=exchange.status, headers=headers)


def init_app(app: Flask) -> None:
    """Answer proxy requests before the UI's routes see them."""
    app.before_request(forward)
