"""Fetch a URL on the open internet for the worker, safely (scaffolding: the contract).

To be built: http/https only; every address the host resolves to must be global (no
loopback, private, link-local, multicast, reserved, shared or unspecified address, IPv4 or
IPv6, mapped forms included), checked after DNS resolution, connecting to the very address
checked; the same for every redirect, at most FETCH_MAX_REDIRECTS; FETCH_TIMEOUT_SECONDS for
the whole fetch; at most FETCH_MAX_BYTES read; conditional GET. Only the "host:port"
addresses in FETCH_ALLOW_FOR_TESTS pass although not global.
"""
from __future__ import annotations

from dataclasses import dataclass


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


def fetch(url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
    """Fetch url (GET) with the current app's FETCH_* settings; raise FetchFailed."""
    raise NotImplementedError
