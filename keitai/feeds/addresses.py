"""Which URLs and which network addresses the feed fetcher may reach.

A URL is checked as written (http/https, a host, no user:password, not too long), then its
host is resolved with getaddrinfo and EVERY address it resolves to must be a global unicast
address; the fetcher then connects to one of the very addresses checked, never looking the
name up again (a DNS answer that changes between the check and the connection cannot send
it inside). Literal addresses in any spelling ("2130706433", "0x7f.1", "[::1]") go through
getaddrinfo too, so they are judged exactly as a name that resolves to them.
"""
from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import SplitResult, quote, urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: the longest URL fetched (a longer one is refused before anything is sent)
URL_MAX = 2048

#: networks refused although Python's is_global may call them global
_SHARED = ipaddress.ip_network("100.64.0.0/10")
#: special-purpose networks refused whatever this Python's tables say (IANA registries: IETF
#: protocol assignments, the old 6to4 relays, benchmarking, documentation, SRv6, discard)
_SPECIAL = tuple(ipaddress.ip_network(network) for network in (
    "0.0.0.0/8", "192.0.0.0/24", "192.88.99.0/24", "198.18.0.0/15", "240.0.0.0/4",
    "100::/64", "2001::/23", "2001:db8::/32", "3fff::/20", "5f00::/16", "fec0::/10"))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


class AddressRefused(Exception):
    """The URL or one of its addresses may not be fetched; `reason` is for the member."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


NOT_HTTP = "http・https のアドレスではありません"
BAD_URL = "アドレスの書き方が正しくありません"
INTERNAL = "このアドレスには接続できません(内部のアドレスです)"


@dataclass(frozen=True)
class Target:
    """A checked URL: where to connect and what to send."""

    url: str
    scheme: str
    #: the host name as sent in Host and SNI (IDNA-encoded, no brackets)
    host: str
    port: int
    #: the request target: path and query, percent-encoded ASCII
    path: str


def check_url(url: str) -> Target:
    """Return the checked parts of url, or raise AddressRefused (no DNS look-up yet)."""
    if len(url) > URL_MAX:
        raise AddressRefused(BAD_URL, f"URL longer than {URL_MAX}")
    if any(ord(char) < 0x21 or ord(char) == 0x7F or char.isspace() for char in url):
        raise AddressRefused(BAD_URL, f"control character or space in {url!r}")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise AddressRefused(BAD_URL, f"unparsable URL {url!r}: {error}") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise AddressRefused(NOT_HTTP, f"scheme {scheme!r} in {url!r}")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise AddressRefused(BAD_URL, f"credentials in {url!r}")
    host = _ascii_host(parts)
    if port is None:
        port = 443 if scheme == "https" else 80
    if port == 0:
        raise AddressRefused(BAD_URL, f"port 0 in {url!r}")
    return Target(url, scheme, host, port, _request_target(parts))


def _ascii_host(parts: SplitResult) -> str:
    host = parts.hostname or ""
    if not host.strip("."):
        raise AddressRefused(BAD_URL, f"no host in {parts.geturl()!r}")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise AddressRefused(BAD_URL, f"host {host!r} is no IDNA name") from None
    if not _HOST.match(host):
        raise AddressRefused(BAD_URL, f"host {host!r} has characters no host name has")
    return host


_SAFE = "/%:@!$&'()*+,;=-._~?"
#: a host name (letters, digits, - and _ between dots) or an IPv6 address without zone
_HOST = re.compile(r"^[A-Za-z0-9._-]+$|^[0-9A-Fa-f:.]+$")


def _request_target(parts: SplitResult) -> str:
    path = quote(parts.path or "/", safe=_SAFE, encoding="utf-8")
    if parts.query:
        path += "?" + quote(parts.query, safe=_SAFE, encoding="utf-8")
    return path


def refused_because(address: IPAddress) -> str | None:
    """Return why address may not be reached (in English, for the log), or None if global."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            why = refused_because(embedded)
            return None if why is None else f"{address} embeds {embedded}: {why}"
        teredo = address.teredo
        if teredo is not None:
            for inner in teredo:
                why = refused_because(inner)
                if why is not None:
                    return f"{address} (Teredo) embeds {inner}: {why}"
        if address.scope_id:
            return f"{address} has a scope"
    for flag in ("is_unspecified", "is_loopback", "is_link_local", "is_multicast",
                 "is_private", "is_reserved", "is_site_local"):
        if getattr(address, flag, False):
            return f"{address} {flag.removeprefix('is_')}"
    if isinstance(address, ipaddress.IPv4Address) and address in _SHARED:
        return f"{address} shared (100.64/10)"
    for network in _SPECIAL:
        if address.version == network.version and address in network:
            return f"{address} special-purpose ({network})"
    if not address.is_global:
        return f"{address} not global"
    return None


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """Return the IPv4 address an IPv6 one stands for (mapped, compatible, NAT64, 6to4)."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64 or (address in _IPV4_COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def allowed_pairs(setting: object) -> set[tuple[IPAddress, int]]:
    """Return the (address, port) pairs of FETCH_ALLOW_FOR_TESTS ("127.0.0.1:8080", "[::1]:80")."""
    pairs: set[tuple[IPAddress, int]] = set()
    for item in setting if isinstance(setting, (list, tuple, set)) else []:
        host, _, port = str(item).strip().rpartition(":")
        try:
            pairs.add((ipaddress.ip_address(host.strip("[]")), int(port)))
        except ValueError:
            continue  # only literal address:port pairs are meaningful here
    return pairs


def resolve(target: Target, allowed: set[tuple[IPAddress, int]]) -> list[IPAddress]:
    """Return every address target's host resolves to, all checked; raise AddressRefused."""
    try:
        answers = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM,
                                     proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise LookupFailed(target.host, str(error)) from None
    addresses: list[IPAddress] = []
    for family, _, _, _, sockaddr in answers:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        text = str(sockaddr[0]).split("%", 1)[0]
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            raise AddressRefused(INTERNAL, f"{target.host} gave {sockaddr[0]!r}") from None
        if isinstance(address, ipaddress.IPv6Address) and len(sockaddr) > 3 and sockaddr[3]:
            raise AddressRefused(INTERNAL, f"{target.host} gave scoped {sockaddr!r}")
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise LookupFailed(target.host, "no IPv4 or IPv6 address")
    for address in addresses:
        why = refused_because(address)
        if why is not None and (address, target.port) not in allowed:
            raise AddressRefused(INTERNAL, f"{target.host}:{target.port} -> {why}")
    return addresses


class LookupFailed(Exception):
    """The host name does not resolve (maybe for a while only)."""

    def __init__(self, host: str, detail: str) -> None:
        super().__init__(f"{host}: {detail}")
