"""Build the request a handset sends through its carrier's gateway, and send it (no Flask).

build_request() plays the handset and the gateway together: the handset's User-Agent and
headers, the gateway's terminal ids (none over HTTPS), utn serials, the rewritten
uid=NULLGWDOCOMO, and X-Forwarded-For with an address from the carrier's published ranges
(the simulator is the proxy in front of the site). send() talks HTTP with http.client.
"""
from __future__ import annotations

import http.client
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from carriers.detection import PARSERS
from simulator.gateway import gateway_for
from simulator.profiles import Profile

#: request headers a profile may not set: the simulator owns them, and the gateway adds the
#: carriers' terminal ids
_RESERVED = frozenset({"host", "content-length", "content-type", "cookie", "connection",
                       "x-forwarded-for", "user-agent"}) | frozenset(
    parser.subscriber_header for parser in PARSERS if parser.subscriber_header)
FORM_TYPE = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class OutgoingRequest:
    """One HTTP request as it leaves the simulated gateway."""

    method: str
    url: str
    headers: list[tuple[str, str]]
    body: bytes | None = None

    def header(self, name: str) -> str | None:
        """Return the first value of a header (case-insensitive), or None."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)


@dataclass(frozen=True)
class Response:
    """One HTTP response as the site sent it."""

    url: str
    status: int
    reason: str
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""

    def header(self, name: str) -> str | None:
        """Return the first value of a header (case-insensitive), or None."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)

    def header_list(self, name: str) -> list[str]:
        """Return every value of a header (case-insensitive)."""
        wanted = name.lower()
        return [value for key, value in self.headers if key.lower() == wanted]


def build_request(profile: Profile, method: str, url: str, body: bytes | None = None, *,
                  content_type: str | None = None, serials: bool = False,
                  cookie: str | None = None) -> OutgoingRequest:
    """Return the request the handset sends for url, as its carrier's gateway forwards it.

    serials=True is a utn link or form the user confirmed; cookie is the jar's Cookie header,
    dropped here when the handset keeps no cookies.
    """
    gateway = gateway_for(profile)
    secure = urlsplit(url).scheme == "https"
    send_ids = profile.send_ids and not secure
    url = gateway.url(profile, url, send_ids)
    agent = gateway.user_agent(profile, send_ids, serials and not secure)
    headers = [("User-Agent", agent)]
    headers += [(name, value) for name, value in profile.headers.items()
                if name.lower() not in _RESERVED]
    headers += list(gateway.id_headers(profile, url, send_ids).items())
    forwarded = gateway.forwarded_for(profile)
    if forwarded:
        headers.append(("X-Forwarded-For", forwarded))
    if cookie and profile.cookies:
        headers.append(("Cookie", cookie))
    if body is not None:
        headers.append(("Content-Type", content_type or FORM_TYPE))
    return OutgoingRequest(method.upper(), url, headers, body)


def send(request: OutgoingRequest, timeout: float = 30.0) -> Response:
    """Send the request over HTTP(S) and return the response; redirects are not followed."""
    parts = urlsplit(request.url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {request.url!r}")
    connection_class = (http.client.HTTPSConnection if parts.scheme == "https"
                        else http.client.HTTPConnection)
    connection = connection_class(parts.hostname, parts.port, timeout=timeout)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.putrequest(request.method, target, skip_accept_encoding=True)
        for name, value in request.headers:
            connection.putheader(name, value.encode("latin-1", "replace"))
        if request.body is not None:
            connection.putheader("Content-Length", str(len(request.body)))
        connection.putheader("Connection", "close")
        connection.endheaders(request.body)
        answer = connection.getresponse()
        body = answer.read()
        return Response(request.url, answer.status, answer.reason, list(answer.getheaders()),
                        body)
    finally:
        connection.close()
