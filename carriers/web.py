"""Clients that are not Japanese feature phones: smartphones (tablets included) and PCs.

Both get HTML5 in UTF-8, keep cookies and have no page limit. A smartphone is recognised by a
token of its platform or mobile browser; everything else, including garbage and an empty
User-Agent, is a PC. A SoftBank or docomo smartphone is a smartphone: the carrier sells the
network, but the browser decides what the page must look like. So are the full ("PC site")
browsers of feature phones, such as "Mozilla/5.0 (930SH;SoftBank;/SN...) NetFront/3.4": they
render full web pages and reach us through the internet, not the keitai gateway.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from carriers.base import CarrierParser
from carriers.handset import Handset
from carriers.tokens import any_of

#: case-sensitive fragments that mark a smartphone or tablet browser
SMARTPHONE_TOKENS = (
    "iPhone", "iPod", "iPad", "Android", "Windows Phone", "IEMobile", "BlackBerry", "BB10",
    "webOS", "hpwOS", "Kindle", "Silk/", "Opera Mini", "Opera Mobi", "Mobile Safari", "Fennec",
    "Symbian", "Tizen", "KAIOS", "emobile/",
    # full browsers of feature phones: docomo, SoftBank, au (the carrier UAs start differently)
    "FOMA;", ";SoftBank;", "KDDI-",
)

_SMARTPHONE = re.compile(any_of(SMARTPHONE_TOKENS, case_sensitive=True))
#: what every smartphone and every PC is (frozen, so one of each serves every request)
SMARTPHONE = Handset(carrier="smartphone")
PC = Handset(carrier="pc")


class SmartphoneParser(CarrierParser):
    """iPhone, Android, Windows Phone, BlackBerry and other full mobile browsers."""

    carrier = "smartphone"

    def matches_unprefixed(self, user_agent: str) -> bool:
        """Return True when the User-Agent names a smartphone or tablet platform."""
        return _SMARTPHONE.search(user_agent) is not None

    def parse(self, user_agent: str, headers: Mapping[str, str]) -> Handset:
        """Return a smartphone: HTML5, UTF-8, cookies, no page limit."""
        return SMARTPHONE


class PcParser(CarrierParser):
    """Every other client: desktop browsers, tools, garbage."""

    carrier = "pc"

    def matches_unprefixed(self, user_agent: str) -> bool:
        """Return True: anything unrecognised is a PC."""
        return True

    def parse(self, user_agent: str, headers: Mapping[str, str]) -> Handset:
        """Return a PC: HTML5, UTF-8, cookies, no page limit."""
        return PC
