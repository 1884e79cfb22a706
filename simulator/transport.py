"""Where simulated requests go: a live site over HTTP, or a WSGI app in the same process."""
from __future__ import annotations

from typing import Any, Protocol
from urllib.parse import urlsplit

from werkzeug.test import EnvironBuilder, run_wsgi_app

from simulator import proxy
from simulator.proxy import OutgoingRequest, Response


class Transport(Protocol):
    """Send one request and return the response, without following redirects."""

    def send(self, request: OutgoingRequest) -> Response:
        """Send the request."""
        ...


class HttpTransport:
    """Send requests over the network with http.client."""

    def __init__(self, timeout: float = 30.0) -> None:
        self.timeout = timeout

    def send(self, request: OutgoingRequest) -> Response:
        """Send the request over HTTP(S)."""
        return proxy.send(request, self.timeout)


class WsgiTransport:
    """Call a WSGI app directly, as if the simulator at remote_addr had connected to it."""

    def __init__(self, app: Any, remote_addr: str = "127.0.0.1") -> None:
        self.app = app
        self.remote_addr = remote_addr

    def send(self, request: OutgoingRequest) -> Response:
        """Run the request through the app and collect the whole response."""
        parts = urlsplit(request.url)
        builder = EnvironBuilder(
            path=parts.path or "/", base_url=f"{parts.scheme}://{parts.netloc}",
            query_string=parts.query, method=request.method, data=request.body,
            environ_base={"REMOTE_ADDR": self.remote_addr},
        )
        try:
            environ = builder.get_environ()
        finally:
            builder.close()
        for name, value in request.headers:
            key = name.upper().replace("-", "_")
            if key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
                environ[key] = value
            else:
                environ[f"HTTP_{key}"] = value
        app_iter, status, headers = run_wsgi_app(self.app, environ, buffered=True)
        try:
            body = b"".join(app_iter)
        finally:
            close = getattr(app_iter, "close", None)
            if close is not None:
                close()
        code, _, reason = status.partition(" ")
        return Response(request.url, int(code), reason, list(headers.items()), body)
