"""IP addresses as integers, and sets of networks searched with bisect.

Addresses arrive as text from the WSGI server and from X-Forwarded-For. Anything that is not a
plain dotted-quad IPv4 or textual IPv6 address (ports, zone ids, "unknown", junk, octal or
shortened IPv4 forms) parses to None and is inside no set. An IPv4-mapped IPv6 address
(::ffff:210.153.84.1, as dual-stack servers report IPv4 clients) counts as its IPv4 address.
"""
from __future__ import annotations

import ipaddress
import socket
from bisect import bisect_right
from collections.abc import Iterable

#: (IP version, address as an integer)
AddressKey = tuple[int, int]
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_MAPPED_PREFIX = bytes(10) + b"\xff\xff"
_LONGEST_ADDRESS = 45  # IPv6 with an embedded IPv4 address


def address_key(address: object) -> AddressKey | None:
    """Return (version, integer) for a textual IP address, None for anything else."""
    if not isinstance(address, str) or not 0 < len(address) <= _LONGEST_ADDRESS:
        return None
    try:
        return 4, int.from_bytes(socket.inet_pton(socket.AF_INET, address), "big")
    except (OSError, ValueError):
        pass
    try:
        packed = socket.inet_pton(socket.AF_INET6, address)
    except (OSError, ValueError):  # ValueError: NUL, lone surrogates
        return None
    if packed.startswith(_MAPPED_PREFIX):
        return 4, int.from_bytes(packed[12:], "big")
    return 6, int.from_bytes(packed, "big")


def canonical(address: str) -> str | None:
    """Return an address in its standard text form, None when it is not an address."""
    key = address_key(address)
    if key is None:
        return None
    return str(ipaddress.ip_address(key[1]) if key[0] == 4 else ipaddress.IPv6Address(key[1]))


def parse_network(text: str) -> Network:
    """Return the network a CIDR (or single address) names; raise ValueError if it names none."""
    return ipaddress.ip_network(text.strip(), strict=True)


class AddressSet:
    """A fixed set of networks; membership is two bisects on merged integer intervals."""

    __slots__ = ("networks", "_starts", "_ends")

    def __init__(self, networks: Iterable[Network]) -> None:
        self.networks: tuple[Network, ...] = tuple(networks)
        intervals = sorted(
            ((net.version, int(net.network_address)), (net.version, int(net.broadcast_address)))
            for net in self.networks)
        starts: list[AddressKey] = []
        ends: list[AddressKey] = []
        for start, end in intervals:
            if ends and start[0] == ends[-1][0] and start[1] <= ends[-1][1] + 1:
                ends[-1] = max(ends[-1], end)  # overlapping or adjacent: merge
            else:
                starts.append(start)
                ends.append(end)
        self._starts = starts
        self._ends = ends

    def __contains__(self, address: object) -> bool:
        key = address_key(address)
        return key is not None and self.contains_key(key)

    def contains_key(self, key: AddressKey) -> bool:
        """Return True when the parsed address key lies in one of the networks."""
        index = bisect_right(self._starts, key) - 1
        return index >= 0 and key <= self._ends[index]

    def __bool__(self) -> bool:
        return bool(self.networks)

    def __repr__(self) -> str:
        return f"AddressSet({[str(net) for net in self.networks]!r})"
