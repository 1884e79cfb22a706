"""Clients that are not Japanese feature phones: smartphones (tablets included) and PCs.

Both get HTML5 in UTF-8, keep cookies and have no page limit. A smartphone is recognised by a
token of its platform or mobile browser; everything else, including garbage and an empty
User-Agent, is a PC. A SoftBank or docomo smartphone is a smartphone: the carrier sells the
network, but the browser decides what the page must look like. So are the full ("PC site")
browsers of feature phones, such as "Mozilla/5.0 (930SH;SoftBank;/SN...) NetFront/3.4": they
render full web pages and reach us through the internet, not the keitai gateway.

Overseas feature phones are the one kind of smartphone-carrier client served small pages: a
J2ME (Profile/MIDP-) or Openwave (UP.Browser/, MMP/) handset of no Japanese carrier, such as
"Nokia6820/2.0 (4.83) Profile/MIDP-1.0 Configuration/CLDC-1.0" or "SAMSUNG-SGH-E250/1.0
Profile/MIDP-2.0 Configuration/CLDC-1.1 UP.Browser/6.2.3.3.c.1.101 (GUI) MMP/2.0", the
User-Agents Googlebot-Mobile crawls the feature-phone web as. They read XHTML Mobile Profile
in UTF-8 (the WAP 2.0 language these browsers share, and the charset they all read), not
Shift_JIS cHTML, and do not show a Japanese carrier's emoji, so they get Unicode ones as
smartphones do; their pages are split at OVERSEAS_PHONE_LIMIT. They are "smartphone" as to
carrier (a mobile browser of no Japanese carrier, reached through the internet, with no
gateway and no easy login) and "xhtml_mp" as to markup. A person with such a phone and
Googlebot-Mobile presenting it get the same page.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from carriers.base import CarrierParser
from carriers.handset import Handset, quick_handset
from carriers.tokens import any_of

#: case-sensitive fragments that mark a smartphone or tablet browser
SMARTPHONE_TOKENS = (
    "iPhone", "iPod", "iPad", "Android", "Windows Phone", "IEMobile", "BlackBerry", "BB10",
    "webOS", "hpwOS", "Kindle", "Silk/", "Opera Mini", "Opera Mobi", "Mobile Safari", "Fennec",
    "Symbian", "Tizen", "KAIOS", "emobile/",
    # full browsers of feature phones: docomo, SoftBank, au (the carrier UAs start differently)
    "FOMA;", ";SoftBank;", "KDDI-",
)

#: case-sensitive fragments that mark an overseas feature phone: J2ME handsets and Openwave
#: browsers (the Japanese carriers' User-Agents start with their own prefixes, found first)
FEATURE_PHONE_TOKENS = ("Profile/MIDP-", "UP.Browser/", "MMP/")
#: page limit of an overseas feature phone: the smallest budget UP.Browser 6.2 is given on au
#: (carriers.au.DEFAULT_LIMITS), which WAP 2.0 handsets of its time take
OVERSEAS_PHONE_LIMIT = 32 * 1024

_SMARTPHONE = re.compile(any_of(SMARTPHONE_TOKENS, case_sensitive=True))
_FEATURE_PHONE = re.compile(any_of(FEATURE_PHONE_TOKENS, case_sensitive=True))
#: the model an overseas feature phone names first: "Nokia6820", "SAMSUNG-SGH-E250"
_MODEL = re.compile(r"([A-Za-z][A-Za-z0-9\-_]{1,31})/")
#: browser names some of them put first instead of the model
_NOT_MODELS = frozenset({"Mozilla", "Opera"})
#: what every smartphone and every PC is (frozen, so one of each serves every request)
SMARTPHONE = Handset(carrier="smartphone")
PC = Handset(carrier="pc")
#: an overseas feature phone whose model is not known
OVERSEAS_PHONE = Handset(carrier="smartphone", markup="xhtml_mp", charset="utf-8",
                         page_limit_bytes=OVERSEAS_PHONE_LIMIT)


class SmartphoneParser(CarrierParser):
    """iPhone, Android, Windows Phone, BlackBerry and other full mobile browsers."""

    carrier = "smartphone"

    def matches_unprefixed(self, user_agent: str) -> bool:
        """Return True when the User-Agent names a smartphone or tablet platform, or is an
        overseas feature phone's."""
        return (_SMARTPHONE.search(user_agent) is not None
                or _FEATURE_PHONE.search(user_agent) is not None)

    def parse(self, user_agent: str, headers: Mapping[str, str]) -> Handset:
        """Return a smartphone (HTML5, UTF-8, cookies, no page limit) or an overseas feature
        phone (XHTML MP, UTF-8, cookies, OVERSEAS_PHONE_LIMIT)."""
        if _SMARTPHONE.search(user_agent) is not None:
            return SMARTPHONE
        model = _MODEL.match(user_agent)
        if model is None or model.group(1) in _NOT_MODELS:
            return OVERSEAS_PHONE
        return quick_handset(carrier="smartphone", model=model.group(1), markup="xhtml_mp",
                             charset="utf-8", page_limit_bytes=OVERSEAS_PHONE_LIMIT)


class PcParser(CarrierParser):
    """Every other client: desktop browsers, tools, garbage."""

    carrier = "pc"

    def matches_unprefixed(self, user_agent: str) -> bool:
        """Return True: anything unrecognised is a PC."""
        return True

    def parse(self, user_agent: str, headers: Mapping[str, str]) -> Handset:
        """Return a PC: HTML5, UTF-8, cookies, no page limit."""
        return PC
