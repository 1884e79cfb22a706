"""A real HTTP server on 127.0.0.1 that serves the feeds a test puts on it.

The fetcher refuses loopback addresses; a test lets exactly this server through with
`app.config["FETCH_ALLOW_FOR_TESTS"] = [server.address]` (see `allow`), so a feed that points
or redirects anywhere else on the machine is still refused.

    server.serve("/feed.xml", body, content_type="application/rss+xml; charset=Shift_JIS")
    server.redirect("/old", "/feed.xml")
    server.serve("/cached", body, etag='"v1"')  # answers 304 to If-None-Match: "v1"
    server.endless("/huge")                     # sends bytes until the client hangs up
    server.stall("/slow", seconds=5)            # says nothing for that long
    server.requests                             # what was asked, with the headers
"""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from flask import Flask

#: the real-world-shaped feeds the tests serve
FIXTURES = Path(__file__).parent / "data" / "feeds"


@dataclass
class Route:
    """What the server answers at one path."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    #: answer 304 when the request's If-None-Match / If-Modified-Since match these
    etag: str | None = None
    last_modified: str | None = None
    #: seconds to wait before answering
    delay: float = 0.0
    #: send 64 KB chunks until the client hangs up (a feed with no end)
    endless: bool = False


@dataclass(frozen=True)
class Asked:
    """One request the server received."""

    method: str
    path: str
    headers: dict[str, str]


class FeedServer:
    """The server, its routes and the requests it saw."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Asked] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                server.answer(self)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = int(self.httpd.server_address[1])
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def address(self) -> str:
        """Return "127.0.0.1:port", the value FETCH_ALLOW_FOR_TESTS takes."""
        return f"127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        """Return the full URL of a path on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def allow(self, app: Flask) -> None:
        """Let the app's fetcher reach this server, and nothing else on the machine."""
        app.config["FETCH_ALLOW_FOR_TESTS"] = [self.address]

    def serve(self, path: str, body: bytes | str, *, status: int = 200,
              content_type: str = "application/rss+xml", headers: dict[str, str] | None = None,
              etag: str | None = None, last_modified: str | None = None,
              delay: float = 0.0) -> str:
        """Serve body at path (a str is encoded as UTF-8); return the full URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(status, data, {"Content-Type": content_type, **(headers or {})},
                                  etag, last_modified, delay)
        return self.url(path)

    def serve_fixture(self, path: str, name: str, content_type: str) -> str:
        """Serve the fixture file tests/data/feeds/<name> at path; return the full URL."""
        return self.serve(path, (FIXTURES / name).read_bytes(), content_type=content_type)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        """Answer path with a redirect to location (a path here, or any URL)."""
        target = self.url(location) if location.startswith("/") else location
        self.routes[path] = Route(status, b"", {"Location": target,
                                                "Content-Type": "text/html"})
        return self.url(path)

    def endless(self, path: str, content_type: str = "application/rss+xml") -> str:
        """Serve a body that never ends at path; return the full URL."""
        self.routes[path] = Route(200, b"", {"Content-Type": content_type}, endless=True)
        return self.url(path)

    def stall(self, path: str, seconds: float) -> str:
        """Answer path only after seconds; return the full URL."""
        self.routes[path] = Route(200, b"<rss/>", {"Content-Type": "application/rss+xml"},
                                  delay=seconds)
        return self.url(path)

    def answer(self, request: BaseHTTPRequestHandler) -> None:
        """Answer one request from the routes."""
        headers = {name.lower(): value for name, value in request.headers.items()}
        self.requests.append(Asked(request.command, request.path, headers))
        route = self.routes.get(request.path)
        if route is None:
            route = Route(404, b"not found", {"Content-Type": "text/plain"})
        if route.delay:
            time.sleep(route.delay)
        not_modified = ((route.etag is not None and headers.get("if-none-match") == route.etag)
                        or (route.last_modified is not None
                            and headers.get("if-modified-since") == route.last_modified))
        request.send_response(304 if not_modified else route.status)
        for name, value in route.headers.items():
            request.send_header(name, value)
        if route.etag is not None:
            request.send_header("ETag", route.etag)
        if route.last_modified is not None:
            request.send_header("Last-Modified", route.last_modified)
        try:
            if route.endless and not not_modified:
                request.send_header("Connection", "close")
                request.end_headers()
                chunk = b"<!-- " + b"x" * 65_000 + b" -->\n"
                while True:
                    request.wfile.write(chunk)
            body = b"" if not_modified else route.body
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client stopped reading
            request.close_connection = True

    def start(self) -> FeedServer:
        """Start serving in a thread of its own; return self."""
        self.thread.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A started FeedServer, stopped after the test."""
    server = FeedServer().start()
    try:
        yield server
    finally:
        server.stop()
