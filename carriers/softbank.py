"""SoftBank, formerly J-PHONE and Vodafone: "J-PHONE/4.3/V603SH/SN...", "SoftBank/1.0/930SH/...".

Two generations. J-PHONE/x.y handsets (C, P and W types) take Shift_JIS cHTML, keep cookies
only from the W type (J-PHONE/5.0) on, and have a page limit by browser generation (see
JPHONE_LIMITS). 3G handsets (SoftBank/, Vodafone/, and the Motorola MOT- ones Vodafone sold
as 702MO/702sMO) take UTF-8 XHTML Mobile Profile, keep cookies and take 300 KB pages.
SoftBank's own PC emulators for developers (Semulator/ for SoftBank, Vemulator/ for Vodafone
models) count as the 3G handset they name: "Semulator/1.0/813T/TJ001/SN... Browser/NetFront/3.3".
They run on a PC and reach the site through the internet, never through SoftBank's gateway, so
their requests are never from_gateway and get no easy login, whatever ids they send. Yahoo!'s
mobile crawler spelled the old prefix "J-Phone/" ("J-Phone/5.0/J-SH03 (compatible; ...;
YahooSeeker)"): it is a J-PHONE handset too.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from carriers.base import CarrierParser
from carriers.facts import MOST_COLORS, Fact, characters_from, colors
from carriers.fields import bounded_int, clean_value, identifier, pixel_pair
from carriers.handset import Handset, quick_handset

#: page limit in bytes of J-PHONE browsers below each version: 2.0/3.0 6000 bytes, 4.0-4.2
#: 12 KB, 4.3 30 KB; from 5.0 (W type) on, W_TYPE_LIMIT
JPHONE_LIMITS = ((4.0, 6000), (4.3, 12 * 1024), (5.0, 30 * 1024))
W_TYPE_LIMIT = 200 * 1024
#: J-PHONE browser version from which the handset keeps cookies (the W type)
JPHONE_COOKIES_FROM = 5.0
#: J-PHONE browser version from which the gateway adds the user id, X-JPHONE-UID (the P type;
#: C types, J-PHONE/2.x and 3.x, send none)
JPHONE_UID_FROM = 4.0
#: page limit of 3G handsets (3GC type)
LIMIT_3G = 300 * 1024
PREFIXES_3G = ("SoftBank/", "Vodafone/", "MOT-", "Semulator/", "Vemulator/")
#: how J-PHONE User-Agents start: as the handsets write it, and as YahooSeeker did
JPHONE_PREFIXES = ("J-PHONE/", "J-Phone/")

_MODEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]{0,31}")
_JPHONE_VERSION = re.compile(r"([0-9])\.([0-9])")
_BROWSER = re.compile(r"Browser/([A-Za-z][A-Za-z0-9.\-]{0,30})/([0-9]{1,3}(?:\.[0-9]{1,3})?)")
_COLOR = re.compile(r"([CG])([0-9]{1,9})")


class SoftbankParser(CarrierParser):
    """J-PHONE, Vodafone and SoftBank handsets: model and serial from the UA, rest from headers."""

    carrier = "softbank"
    prefixes = (*JPHONE_PREFIXES, *PREFIXES_3G)
    subscriber_header = "x-jphone-uid"
    profile_headers = ("x-jphone-msname", "x-jphone-display", "x-jphone-color", "x-s-display-info")

    def parse(self, user_agent: str, headers: Mapping[str, str]) -> Handset:
        """Return the SoftBank handset the User-Agent and X-JPHONE-* headers describe."""
        fields = user_agent.split(None, 1)[0].split("/")
        named = clean_value(headers.get("x-jphone-msname"))
        if user_agent.startswith("MOT-"):
            model = _model(named) or _model(fields[0])  # the header names the Vodafone model
        else:
            model = (_model(fields[2]) if len(fields) > 2 else None) or _model(named)
        serial = None
        for field in fields[3:]:
            if field.startswith("SN"):
                serial = identifier(field[2:])
                break
        screen = color = None
        extras: tuple[Fact, ...] = ()
        if headers:  # the gateway's X-JPHONE-* headers
            screen = pixel_pair(headers.get("x-jphone-display"), "*")
            color = _COLOR.fullmatch(headers.get("x-jphone-color") or "")
            # "480*854/30*23/TB": pixels, then characters a line by lines
            display = (headers.get("x-s-display-info") or "").split("/")
            extras = characters_from(display[1] if len(display) > 1 else None, "*") + colors(
                bounded_int(color.group(2), 1, MOST_COLORS) if color else None)
        cookies, markup, charset, page_limit, browser = _generation(user_agent, fields)
        return quick_handset(
            carrier="softbank", model=model, serial=serial, screen=screen, cookies=cookies,
            markup=markup, charset=charset, page_limit_bytes=page_limit, browser=browser,
            color=color is None or color.group(1) == "C", extras=extras)


class _Generation(NamedTuple):
    cookies: bool
    markup: str
    charset: str
    page_limit: int
    browser: str | None


def _generation(user_agent: str, fields: list[str]) -> _Generation:
    if user_agent.startswith(PREFIXES_3G):
        found = _BROWSER.search(user_agent)
        browser = f"{found.group(1)} {found.group(2)}" if found else None
        return _Generation(True, "xhtml_mp", "utf-8", LIMIT_3G, browser)
    version = _JPHONE_VERSION.fullmatch(fields[1]) if len(fields) > 1 else None
    number = float(version.group(0)) if version else 0.0  # unknown: the oldest browser
    limit = next((limit for below, limit in JPHONE_LIMITS if number < below), W_TYPE_LIMIT)
    return _Generation(number >= JPHONE_COOKIES_FROM, "chtml", "shift_jis", limit,
                       f"J-PHONE {version.group(0)}" if version else None)


def sends_user_id(user_agent: str) -> bool:
    """Return True when SoftBank's gateway adds X-JPHONE-UID for this handset (P, W, 3GC types)."""
    if user_agent.startswith(PREFIXES_3G):
        return True
    fields = user_agent.split(None, 1)[0].split("/") if user_agent.startswith(
        JPHONE_PREFIXES) else []
    version = _JPHONE_VERSION.fullmatch(fields[1]) if len(fields) > 1 else None
    return version is not None and float(version.group(0)) >= JPHONE_UID_FROM


def _model(name: str | None) -> str | None:
    return name if name is not None and _MODEL.fullmatch(name) else None
