"""Photo addresses signed for one viewer, so an <img> fetch needs no session.

A page that shows a photo writes `/photos/<key>/<variant>?v=<viewer>.<hour>.<mac>`: the
viewer's member id, the hour (since the epoch) the address stops working, and an HMAC of
key, variant, viewer and hour. Cookie-less handsets fetch images without their session token
(the gateway adds it to links and forms only) and docomo sends its i-mode ID only on
`guid=ON` addresses, so the signature, not the session, names who is looking. The expiry is
rounded to the hour so that an address stays the same for an hour and handsets can cache
the image: it works for at least LINK_HOURS - 1 and less than LINK_HOURS hours. The
signature only says whom the page was shown to; the photo route still asks the database
whether that member may see the photo now.
"""
from __future__ import annotations

import hmac
from dataclasses import dataclass

from keitai.security import keyed_hash

#: the query parameter that carries the signature
PARAM = "v"
#: an address works until the end of the hour after the one it was made in
LINK_HOURS = 2
#: hex digits of the HMAC kept in the address (128 bits: handsets have short URL limits)
MAC_DIGITS = 32
_PURPOSE = "photo-url"
#: a member id or an hour longer than this is no number we wrote
_MAX_DIGITS = 18


@dataclass(frozen=True)
class Signed:
    """What a valid signature says: who the address was made for, and until when."""

    viewer_id: int
    #: seconds since the epoch at which the address stops working
    expires_at: int


def _mac(key: str, variant: str, viewer_id: int, hour: int) -> str:
    return keyed_hash(_PURPOSE, f"{key}/{variant}/{viewer_id}/{hour}")[:MAC_DIGITS]


def _is_number(text: str) -> bool:
    return 0 < len(text) <= _MAX_DIGITS and text.isascii() and text.isdigit()


def signature(key: str, variant: str, viewer_id: int, now: float) -> str:
    """Return the value of PARAM that lets viewer_id fetch this photo variant for a while."""
    hour = int(now) // 3600 + LINK_HOURS
    return f"{viewer_id}.{hour}.{_mac(key, variant, viewer_id, hour)}"


def signed_viewer(key: str, variant: str, value: str, now: float) -> Signed | None:
    """Return whom a signature was made for, or None when it is forged, altered or expired."""
    parts = value.split(".")
    if len(parts) != 3 or not all(_is_number(part) for part in parts[:2]):
        return None
    viewer_id, hour, mac = int(parts[0]), int(parts[1]), parts[2]
    if not hmac.compare_digest(mac.encode("ascii", "replace"),
                               _mac(key, variant, viewer_id, hour).encode("ascii")):
        return None
    if now >= hour * 3600:
        return None
    return Signed(viewer_id, hour * 3600)
