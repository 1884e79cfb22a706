"""carriers.detect(): the Handset of one request, from its User-Agent, headers and address.

What a detection reads is the User-Agent, the headers of its carrier's gateway (the profile
headers that describe the handset, and the subscriber id) and, for a carrier with gateway
ranges, the address. Bounded caches make a repeated detection a few dictionary look-ups:

- per User-Agent, a plan: its parser (found by one look at the carrier prefixes), the part of
  it that is parsed, and, where no profile header counts (docomo, WILLCOM, smartphones,
  PCs), its parse;
- per distinct (User-Agent, profile header values): the parse (au, SoftBank);
- per header dict (its names and values, for callers that pass a dict): the values read;
- per (gateway ranges, carrier, address): whether the address lies in the carrier's ranges;
- per (parse, subscriber id, from_gateway): the Handset of a request with them.

The per-request fields (subscriber id, from_gateway) are laid over the cached parse, so one
request's ids never reach another's Handset. Only the first MAX_USER_AGENT_CHARS of a
User-Agent are parsed or kept, and header values longer than MAX_VALUE_CHARS are ignored (and
a dict holding one is not kept), so a hostile client cannot make one cache entry large. A
cache holds only what some request's User-Agent, headers and address give, never the only
copy of anything: each app server builds its own.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from operator import attrgetter
from typing import NamedTuple, TypeVar

from carriers.au import AuParser
from carriers.base import CarrierParser
from carriers.crawlers import is_crawler
from carriers.docomo import DocomoParser
from carriers.fields import (
    MAX_USER_AGENT_CHARS,
    MAX_VALUE_CHARS,
    clean_value,
    environ_key,
    header_getter,
    identifier,
    short_value,
)
from carriers.gateways import GATEWAY_CARRIERS, GatewayRanges, gateway_ranges
from carriers.handset import Handset, forget_per_handset, handset_with, quick_handset
from carriers.softbank import SoftbankParser
from carriers.web import PcParser, SmartphoneParser
from carriers.willcom import WillcomParser

#: carrier parsers in the order they are tried; the last one takes everything
PARSERS: tuple[CarrierParser, ...] = (
    DocomoParser(), AuParser(), SoftbankParser(), WillcomParser(), SmartphoneParser(),
    PcParser(),
)
#: distinct User-Agents (with their profile headers) whose parse is kept; the bound of each
#: of the other caches too
CACHE_SIZE = 4096
#: the longest text that can be an IP address (IPv6 with an embedded IPv4 address)
_LONGEST_ADDRESS = 45
#: header dicts of more headers than this are read every time, not kept
_MOST_HEADERS = 64

_K = TypeVar("_K")
_V = TypeVar("_V")


class _Reads(NamedTuple):
    """What detection reads besides the User-Agent for the handsets of one parser."""

    parser: CarrierParser
    #: lower-case header names: the profile headers, then the subscriber header if any
    names: tuple[str, ...]
    #: the same names as WSGI environ keys (HTTP_X_UP_SUBNO)
    environ_keys: tuple[str, ...]
    #: how many of names are profile headers
    profiles: int
    #: what names read when no header is there
    absent: tuple[None, ...]
    #: the last name is the carrier's subscriber header
    subscriber: bool
    #: the carrier has published gateway ranges, so the address is read
    gateway: bool

    @classmethod
    def of(cls, parser: CarrierParser) -> _Reads:
        """Return what detection reads for the handsets of parser."""
        subscriber = parser.subscriber_header
        names = parser.profile_headers + (() if subscriber is None else (subscriber,))
        return cls(parser, names, tuple(map(environ_key, names)), len(parser.profile_headers),
                   (None,) * len(names), subscriber is not None,
                   parser.carrier in GATEWAY_CARRIERS)


_READS = {parser: _Reads.of(parser) for parser in PARSERS}
#: a plan: what to read, the text parsed, and its parse where no profile header counts
_Plan = tuple[_Reads, str, "Handset | None"]
#: raw User-Agent (its first MAX_USER_AGENT_CHARS) -> its plan, the oldest first
_plans: dict[str, _Plan] = {}
#: (parser, a header dict's items in order) -> the values read from it
_dict_reads: dict[tuple[CarrierParser, tuple[tuple[object, object], ...]],
                  tuple[str | None, ...]] = {}
#: (id of a cached Handset, subscriber id, from_gateway) -> (that Handset, it with them)
_overlays: dict[tuple[int, str | None, bool], tuple[Handset, Handset]] = {}


def detect(user_agent: str, headers: Mapping[str, str] | None = None,
           remote_addr: str | None = None) -> Handset:
    """Return what is known about the client of a request; never raise for any input."""
    try:
        plan = _plans.get(user_agent)
    except TypeError:  # an unhashable User-Agent: _plan() reads it as empty
        plan = None
    reads, agent, handset = plan or _plan(user_agent)
    subscriber = None
    values: tuple[str | None, ...] = reads.absent
    if reads.names and headers is not None and (type(headers) is not dict or headers):
        values = _read(headers, reads)
        if reads.subscriber and (raw := values[-1]) is not None:
            subscriber = identifier(raw)
    if handset is None:  # au and SoftBank, whose profile headers count
        handset = _parse(reads.parser, agent, values[:reads.profiles])
    gateway = False
    if remote_addr and reads.gateway and isinstance(remote_addr, str) and len(
            remote_addr) <= _LONGEST_ADDRESS:
        gateway = _inside_gateway(gateway_ranges(), reads.parser.carrier, remote_addr)
    if subscriber is None and not gateway:
        return handset
    return _per_request(handset, subscriber, gateway)


def _plan(user_agent: object) -> _Plan:
    """Find (and keep) the parser of a User-Agent, the part of it parsed, and its parse where
    no profile header counts."""
    raw = user_agent[:MAX_USER_AGENT_CHARS] if isinstance(user_agent, str) else ""
    plan = _plans.get(raw) if raw is not user_agent else None
    if plan is None:
        agent = raw.strip()  # what clip_user_agent() gives
        reads = _READS[parser_for(agent)]
        plan = reads, agent, None if reads.profiles else _parse(reads.parser, agent, ())
        _keep(_plans, raw, plan)
    return plan


def _keep(cache: dict[_K, _V], key: _K, value: _V) -> None:
    """Add to a cache, dropping its oldest entries beyond CACHE_SIZE.

    Without a lock (taking one would cost as much as the rest): each step is one operation on
    the dict, which the GIL keeps whole, and when another thread changes the dict between two
    of them this call leaves the trimming to the next one. A cache may then hold a few entries
    more than CACHE_SIZE for a while, never more than one per thread.
    """
    cache[key] = value
    try:
        while len(cache) > CACHE_SIZE:
            del cache[next(iter(cache))]
    except (KeyError, RuntimeError, StopIteration):  # changed meanwhile by another thread
        pass


def _read(headers: Mapping[str, str], reads: _Reads) -> tuple[str | None, ...]:
    """Return the values of the headers read, None where absent or too long to keep."""
    if type(headers) is dict:
        items = tuple(headers.items())
        try:
            found = _dict_reads.get((reads.parser, items))
        except TypeError:  # a value that cannot be part of a key: read every time
            return _read_dict(headers, reads)
        if found is None:
            found = _read_dict(headers, reads)
            if _fits_a_key(headers):
                _keep(_dict_reads, (reads.parser, items), found)
        return found
    if type(headers).__name__ == "EnvironHeaders" and isinstance(
            environ := getattr(headers, "environ", None), dict):  # Werkzeug's view of environ
        return _bounded(tuple(map(environ.get, reads.environ_keys)))
    return tuple(map(header_getter(headers), reads.names))


def _read_dict(headers: dict[str, str], reads: _Reads) -> tuple[str | None, ...]:
    """Return the values of the headers read from a dict, whose names may be in any case."""
    lowered = {str(name).lower(): value for name, value in headers.items()}
    return _bounded(tuple(map(lowered.get, reads.names)))


def _bounded(values: tuple[object, ...]) -> tuple[str | None, ...]:
    """Return the values with any that is not a str of at most MAX_VALUE_CHARS as None."""
    for value in values:
        if value is not None and (type(value) is not str or len(value) > MAX_VALUE_CHARS):
            return tuple(map(short_value, values))
    return values  # type: ignore[return-value]  # each is None or a short str, as checked


def _fits_a_key(headers: dict[str, str]) -> bool:
    """Tell whether a (non-empty) header dict is small enough to be part of a cache key:
    a few names and values, each text of at most MAX_VALUE_CHARS."""
    try:
        "".join(headers)  # refuses anything but text
        "".join(headers.values())
    except TypeError:
        return False
    return len(headers) <= _MOST_HEADERS and max(map(len, headers)) <= MAX_VALUE_CHARS and max(
        map(len, headers.values())) <= MAX_VALUE_CHARS


#: the parsers that know their carrier by a prefix, and those prefixes as one expression whose
#: group n holds the prefixes of _PREFIXED[n - 1]
_PREFIXED = tuple(parser for parser in PARSERS if parser.prefixes)
_PREFIX = re.compile("|".join(f"({'|'.join(map(re.escape, parser.prefixes))})"
                              for parser in _PREFIXED))
#: the parsers that know some User-Agents by something else than a prefix, in order
_UNPREFIXED = tuple(parser for parser in PARSERS if type(parser).matches_unprefixed
                    is not CarrierParser.matches_unprefixed)


@functools.lru_cache(maxsize=CACHE_SIZE)
def parser_for(user_agent: str) -> CarrierParser:
    """Return the first parser whose matches() is True for the User-Agent.

    One look at its start finds a carrier prefix: no two carriers share one, and no parser
    before a prefixed one in PARSERS knows a User-Agent otherwise, so the first parser in
    order to match is the one whose prefix it is. Other User-Agents are asked of the parsers
    that know some otherwise, in order (the PC parser takes them all).
    """
    found = _PREFIX.match(user_agent)
    if found is not None and found.lastindex:
        return _PREFIXED[found.lastindex - 1]
    for parser in _UNPREFIXED:
        if parser.matches_unprefixed(user_agent):
            return parser
    return PARSERS[-1]  # never reached: the PC parser takes every User-Agent


@functools.lru_cache(maxsize=CACHE_SIZE)
def _parse(parser: CarrierParser, user_agent: str, profile: tuple[str | None, ...]) -> Handset:
    headers = {}
    if profile:
        for name, value in zip(parser.profile_headers, profile, strict=True):
            if value is not None and (value := clean_value(value)) is not None:
                headers[name] = value
    handset = parser.parse(user_agent, headers)
    return handset_with(handset, crawler=True) if is_crawler(user_agent) else handset


@functools.lru_cache(maxsize=CACHE_SIZE)
def _inside_gateway(ranges: GatewayRanges, carrier: str, address: str) -> bool:
    """Return True when address lies in carrier's gateway ranges (the ranges are part of the
    key, so ranges swapped in by set_gateway_ranges() count at once)."""
    return ranges.contains(carrier, address)


_FIELD_VALUES = attrgetter(*Handset.__match_args__)
_SUBSCRIBER = Handset.__match_args__.index("subscriber_id")
_GATEWAY = Handset.__match_args__.index("from_gateway")


def _per_request(handset: Handset, subscriber: str | None, gateway: bool) -> Handset:
    """Return the cached handset with this request's subscriber id and from_gateway (kept, as
    a handset's next request is likely to send the same)."""
    key = (id(handset), subscriber, gateway)
    found = _overlays.get(key)
    if found is not None and found[0] is handset:  # an id is only reused once freed
        return found[1]
    values = list(_FIELD_VALUES(handset))
    values[_SUBSCRIBER] = subscriber
    values[_GATEWAY] = gateway
    made = quick_handset(*values)
    _keep(_overlays, key, (handset, made))
    return made


def clear_caches() -> None:
    """Forget every cached parse, and what was worked out from each handset (after the display
    tables, parsers or browser data change, and in tests)."""
    forget_per_handset()
    _plans.clear()
    _dict_reads.clear()
    _overlays.clear()
    parser_for.cache_clear()
    _parse.cache_clear()
    _inside_gateway.cache_clear()
