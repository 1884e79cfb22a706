"""Fetch a URL on the open internet for the worker, safely.

http/https only; every address the host resolves to must be global (no loopback, private,
link-local, multicast, reserved, shared or unspecified address, IPv4 or IPv6, mapped and
embedded forms included: see `keitai.feeds.addresses`), checked after DNS resolution, and the
connection goes to the very address checked; the same for every redirect, at most
FETCH_MAX_REDIRECTS of them; FETCH_TIMEOUT_SECONDS for the whole fetch; at most
FETCH_MAX_BYTES read; conditional GET. Only the "ip:port" pairs in FETCH_ALLOW_FOR_TESTS pass
although not global.
"""
from __future__ import annotations

import http.client
import logging
import re
import ssl
import time
import zlib
from dataclasses import dataclass
from typing import NoReturn
from urllib.parse import urljoin

from flask import current_app

from keitai.feeds import messages as say
from keitai.feeds.addresses import (
    AddressRefused,
    IPAddress,
    LookupFailed,
    Target,
    allowed_pairs,
    check_url,
    resolve,
)
from keitai.feeds.connection import (
    CutOff,
    DeadlinePassed,
    PinnedHTTPConnection,
    PinnedHTTPSConnection,
    TooLarge,
    UnknownEncoding,
    Watchdog,
    read_body,
)

log = logging.getLogger(__name__)

REDIRECTS = frozenset({301, 302, 303, 307, 308})
ACCEPT = ("application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
          "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5")


class FetchFailed(Exception):
    """The URL could not be fetched. `reason` says why in a short Japanese sentence a member
    can read on the settings page; `permanent` is True when trying again cannot help (a
    refused address, a URL that is no http/https URL, 404/410)."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


@dataclass(frozen=True)
class Fetched:
    """What a fetch got."""

    #: the URL finally answered (after redirects)
    url: str
    #: 200, or 304 when the conditional GET says nothing changed (body is then b"")
    status: int
    body: bytes
    content_type: str | None
    #: the validators to send next time (the previous ones kept on a 304)
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class _Settings:
    max_bytes: int
    timeout: float
    max_redirects: int
    allowed: set[tuple[IPAddress, int]]
    user_agent: str


@dataclass(frozen=True)
class _Answer:
    status: int
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    location: str | None


def _settings() -> _Settings:
    config = current_app.config
    return _Settings(
        max_bytes=int(config.get("FETCH_MAX_BYTES", 2 * 1024 * 1024)),
        timeout=float(config.get("FETCH_TIMEOUT_SECONDS", 10)),
        max_redirects=int(config.get("FETCH_MAX_REDIRECTS", 3)),
        allowed=allowed_pairs(config.get("FETCH_ALLOW_FOR_TESTS") or []),
        user_agent=f"keitai-feeds/1.0 (+{config.get('BASE_URL', '')})",
    )


def fetch(url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
    """Fetch url (GET) with the current app's FETCH_* settings; raise FetchFailed."""
    settings = _settings()
    deadline = time.monotonic() + settings.timeout
    current = url.strip()
    seen: list[str] = []
    while True:
        if current in seen:
            _fail(url, say.REDIRECT_LOOP, f"redirect loop back to {current}", permanent=False)
        if len(seen) > settings.max_redirects:
            _fail(url, say.TOO_MANY_REDIRECTS, f"more than {settings.max_redirects} redirects",
                  permanent=False)
        seen.append(current)
        try:
            target = check_url(current)
            addresses = resolve(target, settings.allowed)
        except AddressRefused as refused:
            _fail(url, refused.reason, f"{current}: {refused.detail}", permanent=True)
        except LookupFailed as error:
            _fail(url, say.NO_SUCH_HOST, f"{current}: {error}", permanent=False)
        answer = _ask(url, target, addresses, settings, deadline, etag, last_modified)
        if answer.status in REDIRECTS:
            if not answer.location:
                _fail(url, say.bad_answer(answer.status), f"{current}: redirect without Location",
                      permanent=False)
            current = urljoin(current, _header_text(answer.location).strip())
            continue
        return _result(url, current, answer, etag, last_modified)


def _header_text(value: str) -> str:
    """Return a header http.client read as Latin-1 as the UTF-8 it usually is."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def _result(url: str, final: str, answer: _Answer, etag: str | None,
            last_modified: str | None) -> Fetched:
    status = answer.status
    if status == 304:
        return Fetched(final, 304, b"", answer.content_type, answer.etag or etag,
                       answer.last_modified or last_modified)
    if status in (200, 203):
        return Fetched(final, 200, answer.body, answer.content_type, answer.etag,
                       answer.last_modified)
    if status in (404, 410):
        _fail(url, say.not_found(status), f"{final}: HTTP {status}", permanent=True)
    if status >= 500:
        _fail(url, say.server_error(status), f"{final}: HTTP {status}", permanent=False)
    if status == 429:
        _fail(url, say.TOO_MANY_REQUESTS, f"{final}: HTTP 429", permanent=False)
    if status in (401, 403):
        _fail(url, say.forbidden(status), f"{final}: HTTP {status}", permanent=False)
    _fail(url, say.bad_answer(status), f"{final}: HTTP {status}", permanent=False)


def _ask(url: str, target: Target, addresses: list[IPAddress], settings: _Settings,
         deadline: float, etag: str | None, last_modified: str | None) -> _Answer:
    """GET target from the first of its checked addresses that accepts a connection."""
    failure = (say.CANNOT_CONNECT, "no address tried")
    for address in addresses:
        if time.monotonic() >= deadline:
            _fail(url, say.TIMEOUT, f"{target.url}: deadline passed before connecting",
                  permanent=False)
        connection: PinnedHTTPConnection | PinnedHTTPSConnection
        if target.scheme == "https":
            connection = PinnedHTTPSConnection(target.host, target.port, address, deadline)
        else:
            connection = PinnedHTTPConnection(target.host, target.port, address, deadline)
        try:
            connection.connect()
        except TimeoutError as error:
            failure = (say.TIMEOUT, f"{target.url} at {address}: {error!r}")
            connection.close()
            continue
        except ssl.SSLCertVerificationError as error:
            connection.close()
            _fail(url, say.BAD_CERTIFICATE, f"{target.url} at {address}: {error!r}",
                  permanent=False)
        except (OSError, ValueError) as error:
            late = time.monotonic() >= deadline  # the watchdog cut a dragging handshake
            failure = (say.TIMEOUT if late else say.CANNOT_CONNECT,
                       f"{target.url} at {address}: {error!r}")
            connection.close()
            continue
        try:
            return _exchange(url, target, connection, settings, deadline, etag, last_modified)
        finally:
            connection.close()
    _fail(url, failure[0], failure[1], permanent=False)


def _exchange(url: str, target: Target, connection: PinnedHTTPConnection | PinnedHTTPSConnection,
              settings: _Settings, deadline: float, etag: str | None,
              last_modified: str | None) -> _Answer:
    """Send the GET on a connected connection and read the answer."""
    where = f"{target.url} at {connection.address}"
    with Watchdog(connection.raw, deadline - time.monotonic()):
        try:
            connection.putrequest("GET", target.path, skip_accept_encoding=True)
            connection.putheader("User-Agent", settings.user_agent)
            connection.putheader("Accept", ACCEPT)
            connection.putheader("Accept-Encoding", "identity")
            connection.putheader("Accept-Language", "ja,en;q=0.5")
            if etag:
                connection.putheader("If-None-Match", etag)
            if last_modified:
                connection.putheader("If-Modified-Since", last_modified)
            connection.putheader("Connection", "close")
            connection.endheaders()
            with connection.getresponse() as response:
                return _read(response, connection, settings, deadline)
        except TooLarge as error:
            _fail(url, say.too_large(settings.max_bytes),
                  f"{where}: {error} over {settings.max_bytes} bytes", permanent=False)
        except CutOff as error:
            _fail(url, say.CUT_OFF, f"{where}: cut off ({error})", permanent=False)
        except UnknownEncoding as error:
            _fail(url, say.BAD_ANSWER, f"{where}: Content-Encoding {error}", permanent=False)
        except (DeadlinePassed, TimeoutError) as error:
            _fail(url, say.TIMEOUT, f"{where}: {error!r}", permanent=False)
        except (OSError, http.client.HTTPException, ValueError, zlib.error) as error:
            if time.monotonic() >= deadline:
                _fail(url, say.TIMEOUT, f"{where}: cut at the deadline ({error!r})",
                      permanent=False)
            _fail(url, say.BAD_ANSWER, f"{where}: {error!r}", permanent=False)


def _read(response: http.client.HTTPResponse,
          connection: PinnedHTTPConnection | PinnedHTTPSConnection, settings: _Settings,
          deadline: float) -> _Answer:
    """Return the answer: its headers, and the body of a 200 (at most max_bytes)."""
    answer = _Answer(response.status, b"", response.getheader("Content-Type"),
                     response.getheader("ETag"), response.getheader("Last-Modified"),
                     response.getheader("Location"))
    if response.status not in (200, 203):
        return answer
    length = (response.getheader("Content-Length") or "").strip()
    if length.isdigit() and int(length) > settings.max_bytes:
        raise TooLarge(f"Content-Length {length}")
    body = read_body(response, connection.raw, deadline, settings.max_bytes)
    return _Answer(answer.status, body, answer.content_type, answer.etag, answer.last_modified,
                   None)


def _fail(url: str, reason: str, detail: str, *, permanent: bool) -> NoReturn:
    """Log the technical detail (a refusal as a warning: someone may be probing the inside)
    and raise the member's reason."""
    log.log(logging.WARNING if permanent else logging.INFO, "feed fetch of %s failed: %s (%s)",
            _USERINFO.sub("//***@", url), _USERINFO.sub("//***@", detail), reason)
    raise FetchFailed(reason, permanent=permanent)


#: the user:password of a URL, kept out of the log
_USERINFO = re.compile(r"//[^/?#@\s]*@")

