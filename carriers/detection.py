"""carriers.detect(): the Handset of one request, from its User-Agent, headers and address.

The User-Agent part is parsed once per distinct (User-Agent, profile headers) and cached; the
per-request fields (subscriber id, from_gateway) are laid over the cached Handset afterwards,
so one request's ids never reach another's. Only the first MAX_USER_AGENT_CHARS of a
User-Agent are parsed or kept, and profile header values longer than MAX_VALUE_CHARS are
ignored, so a hostile client cannot make one cache entry large.
"""
from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import fields, replace
from operator import attrgetter

from carriers.au import AuParser
from carriers.base import CarrierParser
from carriers.crawlers import is_crawler
from carriers.docomo import DocomoParser
from carriers.fields import clean_value, clip_user_agent, header_getter, identifier
from carriers.gateways import GATEWAY_CARRIERS, gateway_ranges
from carriers.handset import Handset
from carriers.softbank import SoftbankParser
from carriers.web import PcParser, SmartphoneParser
from carriers.willcom import WillcomParser

#: carrier parsers in the order they are tried; the last one takes everything
PARSERS: tuple[CarrierParser, ...] = (
    DocomoParser(), AuParser(), SoftbankParser(), WillcomParser(), SmartphoneParser(),
    PcParser(),
)
#: distinct User-Agents (with their profile headers) whose parse is kept
CACHE_SIZE = 4096


def detect(user_agent: str, headers: Mapping[str, str] | None = None,
           remote_addr: str | None = None) -> Handset:
    """Return what is known about the client of a request; never raise for any input."""
    agent = clip_user_agent(user_agent)
    parser = parser_for(agent)
    subscriber = None
    if parser.profile_headers or parser.subscriber_header is not None:
        get = header_getter(headers)
        handset = _parse(parser, agent, tuple(map(get, parser.profile_headers)))
        if parser.subscriber_header is not None:
            subscriber = identifier(get(parser.subscriber_header))
    else:
        handset = _parse(parser, agent, ())
    gateway = bool(remote_addr) and parser.carrier in GATEWAY_CARRIERS and (
        gateway_ranges().contains(parser.carrier, remote_addr))
    if subscriber is None and not gateway:
        return handset
    return _per_request(handset, subscriber, gateway)


@functools.lru_cache(maxsize=CACHE_SIZE)
def parser_for(user_agent: str) -> CarrierParser:
    """Return the parser of the carrier whose User-Agent this is."""
    return next(parser for parser in PARSERS if parser.matches(user_agent))


@functools.lru_cache(maxsize=CACHE_SIZE)
def _parse(parser: CarrierParser, user_agent: str, profile: tuple[str | None, ...]) -> Handset:
    cleaned = zip(parser.profile_headers, map(clean_value, profile), strict=True)
    headers = {name: value for name, value in cleaned if value is not None}
    handset = parser.parse(user_agent, headers)
    return replace(handset, crawler=True) if is_crawler(user_agent) else handset


_FIELD_NAMES = tuple(field.name for field in fields(Handset))
_FIELD_VALUES = attrgetter(*_FIELD_NAMES)
_SUBSCRIBER = _FIELD_NAMES.index("subscriber_id")
_GATEWAY = _FIELD_NAMES.index("from_gateway")


def _per_request(handset: Handset, subscriber: str | None, gateway: bool) -> Handset:
    # dataclasses.replace() costs several microseconds; building positionally is quicker
    values = list(_FIELD_VALUES(handset))
    values[_SUBSCRIBER] = subscriber
    values[_GATEWAY] = gateway
    return Handset(*values)


def clear_caches() -> None:
    """Forget every cached parse (after the display tables or parsers change, and in tests)."""
    parser_for.cache_clear()
    _parse.cache_clear()
