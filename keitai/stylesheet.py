"""The stylesheet of PC and smartphone pages, served by the app itself.

Only pages in the html5 markup family link it (handsets read no stylesheet). Its address
carries a hash of its content, `/static/keitai.css?v=<hash>`, so a browser and any cache
may keep it for a year: a changed stylesheet gets a new address. The file is read once, when
the app is made (a change to it needs a restart, as templates do). An address whose hash is
not the current one (a page made before a deploy) still gets the current stylesheet, but
only with a short cache time, so the old address never keeps the new content for long.

The gateway leaves the response alone (keitai.gateway.STATIC_ENDPOINTS): no session is
loaded or set, no cookie, no `Vary: User-Agent` (every browser gets the same bytes).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, current_app, request, url_for

#: the stylesheet, inside the package (the wheel ships it: pyproject's package-data)
FILE = Path(__file__).resolve().parent / "static" / "keitai.css"
#: the endpoint that serves it, and its path
ENDPOINT = "stylesheet"
PATH = "/static/keitai.css"
#: the query parameter that carries the content's hash
VERSION_PARAM = "v"
#: hex digits of the SHA-256 kept in the address
VERSION_DIGITS = 12
#: how the current stylesheet may be kept (its address changes with its content)
IMMUTABLE = "public, max-age=31536000, immutable"
#: how the stylesheet may be kept when asked for by another (older or no) version
SHORT = "public, max-age=300"
#: where the app keeps the stylesheet it read
EXTENSION = "keitai.stylesheet"


@dataclass(frozen=True, slots=True)
class Stylesheet:
    """The stylesheet's bytes and the version its address carries."""

    data: bytes
    version: str


def version_of(data: bytes) -> str:
    """Return the version of a stylesheet's content: the start of its SHA-256, in hex."""
    return hashlib.sha256(data).hexdigest()[:VERSION_DIGITS]


def load(path: Path = FILE) -> Stylesheet:
    """Read a stylesheet and work out its version."""
    data = path.read_bytes()
    return Stylesheet(data, version_of(data))


def _current() -> Stylesheet:
    found: Stylesheet = current_app.extensions[EXTENSION]
    return found


def stylesheet_url() -> str:
    """Return the address of the app's stylesheet, which changes when its content does."""
    return url_for(ENDPOINT, v=_current().version)  # v: VERSION_PARAM


def serve() -> Response:
    """Send the stylesheet, cacheable for a year when asked for by its current version."""
    sheet = _current()
    response = current_app.response_class(sheet.data, mimetype="text/css")
    response.headers["Content-Type"] = "text/css; charset=utf-8"
    current = request.args.get(VERSION_PARAM) == sheet.version
    response.headers["Cache-Control"] = IMMUTABLE if current else SHORT
    response.set_etag(sheet.version)
    response.make_conditional(request)  # a 304 to a browser that has this version
    return response


def init_app(app: Flask) -> None:
    """Read the stylesheet, add its route and give templates `stylesheet_url()`."""
    app.extensions[EXTENSION] = load()
    app.add_url_rule(PATH, ENDPOINT, serve, methods=["GET"])
    app.jinja_env.globals["stylesheet_url"] = stylesheet_url
