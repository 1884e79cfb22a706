"""Search-engine crawlers, recognised from the User-Agent alone.

Keitai search engines crawled as handsets, so a crawler keeps the carrier its User-Agent claims
and only gains crawler=True. The decision uses the User-Agent only, never the address: crawler
address lists go stale, and a User-Agent naming a crawler is what the site wants to treat as one
(no easy login, no guid=ON, no footprints). A crawler that hides its name is a handset to us.

The mobile crawlers present a handset's User-Agent with their name added, and are served as
that handset: Googlebot-Mobile as a docomo FOMA ("DoCoMo/2.0 N905i(c100;TB;W24H16)
(compatible; Googlebot-Mobile/2.1; +http://www.google.com/bot.html)", a docomo handset) or as
an overseas phone ("Nokia6820/2.0 (4.83) Profile/MIDP-1.0 ...", "SAMSUNG-SGH-E250/1.0 ...
UP.Browser/6.2.3.3.c.1.101 (GUI) MMP/2.0 ...": see carriers.web), YahooSeeker as a J-PHONE
("J-Phone/5.0/J-SH03 (compatible; Mozilla 4.0; MSIE 5.5; YahooSeeker)", a SoftBank handset).
A crawler gets the very page a person with that handset gets, which is what a search engine
asks of a site; only what needs a person (a session, guid=ON, easy login) is left out.
"""
from __future__ import annotations

import re

from carriers.tokens import any_of

#: case-insensitive fragments that mark a crawler's User-Agent, with whose crawler it is
CRAWLER_TOKENS: tuple[tuple[str, str], ...] = (
    ("googlebot", "Google (Googlebot, Googlebot-Mobile, Googlebot-Image)"),
    ("mediapartners-google", "Google AdSense"),
    ("adsbot-google", "Google Ads"),
    ("y!j-", "Yahoo! JAPAN (Y!J-SRD, Y!J-MBS, Y!J-BRW)"),
    ("slurp", "Yahoo! / Inktomi Slurp"),
    ("yahooseeker", "Yahoo! (YahooSeeker, its mobile crawler YahooSeeker/M1A1-R2D2)"),
    ("bingbot", "Microsoft Bing"),
    ("msnbot", "Microsoft MSN Search"),
    ("baiduspider", "Baidu"),
    ("baidumobaider", "Baidu mobile (Japan)"),
    ("moba-crawler", "DeNA Mobage search"),
    ("ichiro", "goo (ichiro, ichiro/mobile)"),
    ("ld_mobile_bot", "livedoor mobile search"),
    ("symphonybot", "froute.jp mobile search"),
    ("yandexbot", "Yandex"),
    ("yandexmobilebot", "Yandex mobile"),
    ("applebot", "Apple"),
    ("duckduckbot", "DuckDuckGo"),
    ("naverbot", "Naver"),
    ("yeti/", "Naver (Yeti)"),
    ("ask jeeves", "Ask Jeeves / Teoma"),
    ("teoma", "Ask Jeeves / Teoma"),
    ("ia_archiver", "Alexa / Internet Archive"),
    ("archive.org_bot", "Internet Archive"),
)

_TOKENS = any_of(tuple(token for token, _ in CRAWLER_TOKENS), case_sensitive=False)
_CRAWLER = re.compile(_TOKENS, re.IGNORECASE)
#: the same search in text already in lower case: an IGNORECASE search of many alternatives
#: costs ten times as much, and for ASCII text lower() and IGNORECASE agree exactly
_CRAWLER_LOWER = re.compile(_TOKENS)


def is_crawler(user_agent: str) -> bool:
    """Return True when the User-Agent names a search-engine crawler."""
    if user_agent.isascii():
        return _CRAWLER_LOWER.search(user_agent.lower()) is not None
    return _CRAWLER.search(user_agent) is not None
