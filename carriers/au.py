"""au (KDDI) EZweb: WAP 2.0 "KDDI-CA39 UP.Browser/6.2..." and HDML-era "UP.Browser/3.01-HI01".

The model is the four-character au device code (CA39 is the W53CA). WAP 2.0 handsets get
XHTML Mobile Profile; HDML-era handsets get cHTML, which the EZ server converted for them.
The gateway adds X-UP-DEVCAP-* headers; the page limit is X-UP-DEVCAP-MAX-PDU when that is a
sane number, else a conservative figure by browser version (see DEFAULT_LIMITS).
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from carriers.base import CarrierParser
from carriers.facts import Fact, characters_from, colors_from_depth
from carriers.fields import bounded_int, pixel_pair
from carriers.handset import Handset, quick_handset

#: page limit by UP.Browser major version when MAX-PDU is absent or malformed. 6.0 takes
#: 9.5-64 KB and 6.2 32-128 KB (symmetric.jp), so each gets the bottom of its range, 6.0's
#: rounded down to 9 KB to be safe; 7.x takes 128 KB; the HDML-era 3.x/4.x browsers get 7 KB.
DEFAULT_LIMITS = {"6.0": 9 * 1024, "6.1": 9 * 1024, "6.2": 32 * 1024}
BROWSER7_LIMIT = 128 * 1024
HDML_LIMIT = 7 * 1024
#: MAX-PDU values believed, in bytes
MIN_PDU, MAX_PDU = 1024, 2 * 1024 * 1024

_WAP2 = re.compile(r"KDDI-([A-Za-z0-9]{2,8}) UP\.Browser/([0-9A-Za-z._]{1,40})")
_HDML = re.compile(r"UP\.Browser/([0-9]{1,2}\.[0-9]{1,3})[0-9.]{0,20}-([A-Za-z0-9]{2,8})(?:\s|$)")
_VERSION = re.compile(r"([0-9]{1,2})\.([0-9]{1,3})")


class AuParser(CarrierParser):
    """EZweb handsets: device code and browser from the UA, the rest from X-UP-DEVCAP-*."""

    carrier = "au"
    prefixes = ("KDDI-", "UP.Browser/")
    subscriber_header = "x-up-subno"
    profile_headers = tuple(f"x-up-devcap-{name}" for name in (
        "screenpixels", "screendepth", "screenchars", "iscolor", "max-pdu"))

    def parse(self, user_agent: str, headers: Mapping[str, str]) -> Handset:
        """Return the EZweb handset the User-Agent and X-UP-DEVCAP-* headers describe."""
        wap2 = _WAP2.match(user_agent)
        if wap2 is not None:
            model: str | None = wap2.group(1)
            version = _VERSION.match(wap2.group(2).rsplit("_", 1)[-1])  # "6.2_7.2.7" is a 7.2
            default = _default_limit(version)
        else:
            hdml = _HDML.match(user_agent)
            model = hdml.group(2) if hdml else None
            version = _VERSION.match(hdml.group(1)) if hdml else None
            default = HDML_LIMIT
        pdu = screen = None
        extras: tuple[Fact, ...] = ()
        if headers:  # the gateway's X-UP-DEVCAP-* headers
            pdu = bounded_int(headers.get("x-up-devcap-max-pdu"), MIN_PDU, MAX_PDU)
            screen = pixel_pair(headers.get("x-up-devcap-screenpixels"), ",")
            extras = characters_from(headers.get("x-up-devcap-screenchars"), ",") + (
                colors_from_depth(headers.get("x-up-devcap-screendepth")))
        return quick_handset(
            carrier="au", model=model, screen=screen, cookies=True,
            markup="xhtml_mp" if wap2 else "chtml", charset="shift_jis",
            page_limit_bytes=pdu or default,
            browser=f"UP.Browser {version.group(0)}" if version else None,
            color=headers.get("x-up-devcap-iscolor") != "0", extras=extras,
        )


def _default_limit(version: re.Match[str] | None) -> int:
    if version is None:
        return DEFAULT_LIMITS["6.0"]
    if int(version.group(1)) >= 7:
        return BROWSER7_LIMIT
    return DEFAULT_LIMITS.get(f"{int(version.group(1))}.{version.group(2)[:1]}", HDML_LIMIT)
