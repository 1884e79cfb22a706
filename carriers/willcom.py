"""WILLCOM (formerly DDI Pocket) PHS handsets and its Windows CE W-ZERO3 smartphones.

    Mozilla/3.0(WILLCOM;SANYO/WX310SA/2;1/1/C128) NetFront/3.3
    Mozilla/3.0(DDIPOCKET;JRC/AH-J3001V,AH-J3002V/1.0/0100/c50)CNF/2.0
    Mozilla/4.0 (compatible; MSIE 6.0; Windows CE; SHARP/WS007SH; PPC; 480x640) Opera 8.60 [ja]

The last "/" field in the parentheses is the browser cache (C128 = 128 KB), which is also the
page limit. A handset that announces none (the W-ZERO3 family) gets DEFAULT_CACHE_KB: 100 KB
is the cache the common WILLCOM Opera and NetFront handsets announce.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from carriers.base import CarrierParser
from carriers.fields import cache_kb, pixel_pair
from carriers.handset import Handset, quick_handset

#: page limit in KB of a WILLCOM handset that announces no cache
DEFAULT_CACHE_KB = 100

_PHS = re.compile(
    r"Mozilla/3\.0\((?:WILLCOM|DDIPOCKET);[^/;)]{1,32}/([^/;)]{1,64})/([^)]{0,128})\)")
_WINDOWS_CE = re.compile(r"Windows CE;.{0,64}?\b[A-Za-z]{2,10}/(WS[0-9]{3}[A-Z]{1,3})\b")
_CACHE = re.compile(r"[Cc]([0-9]{1,12})")
_MODEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9,\-]{0,63}")
_SCREEN = re.compile(r"; ?([0-9]{2,4}x[0-9]{2,4})[;)]")
_BROWSER = re.compile(r"(NetFront|Opera|CNF)[/ ]([0-9]{1,2}\.[0-9]{1,2})")


class WillcomParser(CarrierParser):
    """AIR-EDGE PHS handsets and W-ZERO3 smartphones sold by WILLCOM."""

    carrier = "willcom"
    prefixes = ("Mozilla/3.0(WILLCOM", "Mozilla/3.0(DDIPOCKET")

    def matches_unprefixed(self, user_agent: str) -> bool:
        """Return True for WILLCOM's Windows CE phones (W-ZERO3)."""
        return _WINDOWS_CE.search(user_agent) is not None

    def parse(self, user_agent: str, headers: Mapping[str, str]) -> Handset:
        """Return the WILLCOM handset the User-Agent describes."""
        model: str | None = None
        kb: int | None = None
        phs = _PHS.match(user_agent)
        if phs is not None:
            model = phs.group(1) if _MODEL.fullmatch(phs.group(1)) else None
            cache = _CACHE.fullmatch(phs.group(2).rsplit("/", 1)[-1])
            kb = cache_kb(cache.group(1)) if cache else None
        elif (smartphone := _WINDOWS_CE.search(user_agent)) is not None:
            model = smartphone.group(1)
        screen = _SCREEN.search(user_agent)
        browser = _BROWSER.search(user_agent)
        return quick_handset(
            carrier="willcom", model=model, cache_kb=kb,
            screen=pixel_pair(screen.group(1), "x") if screen else None, cookies=True,
            markup="chtml", charset="shift_jis",
            page_limit_bytes=(kb or DEFAULT_CACHE_KB) * 1024,
            browser=f"{browser.group(1)} {browser.group(2)}" if browser else None,
        )
