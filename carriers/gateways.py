"""Carrier gateway address ranges: the data behind Handset.from_gateway and easy login.

The ranges live in carriers/data/gateway_ranges.txt ("carrier CIDR" lines, "#" comments) so an
operator can update them without touching code. KEITAI_GATEWAY_RANGES_FILE names a
replacement file; it is read when the ranges are first needed. Tests and operators swap the
ranges of a running process with set_gateway_ranges() or reload_gateway_ranges().
"""
from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

from carriers.addresses import AddressKey, AddressSet, Network, address_key, parse_network

#: environment variable naming a replacement ranges file
ENV_VAR = "KEITAI_GATEWAY_RANGES_FILE"
DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "gateway_ranges.txt"
#: carriers that have a gateway (smartphones and PCs come straight from the internet)
GATEWAY_CARRIERS = ("docomo", "au", "softbank", "willcom")


class GatewayRangesError(ValueError):
    """A ranges file line that names no known carrier or no valid network."""


class GatewayRanges:
    """The published gateway networks of each carrier, ready for fast lookups."""

    __slots__ = ("source", "_sets")

    def __init__(self, networks: Mapping[str, Iterable[str | Network]],
                 source: str = "<memory>") -> None:
        unknown = set(networks) - set(GATEWAY_CARRIERS)
        if unknown:
            raise GatewayRangesError(f"{source}: no gateway carrier named {sorted(unknown)}")
        #: where the ranges came from, for log lines and error messages
        self.source = source
        self._sets = {carrier: AddressSet(
            net if not isinstance(net, str) else parse_network(net) for net in nets)
            for carrier, nets in networks.items()}

    @classmethod
    def parse(cls, text: str, source: str = "<text>") -> GatewayRanges:
        """Return the ranges a "carrier CIDR" per line text names; raise GatewayRangesError."""
        networks: dict[str, list[Network]] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            fields = line.split("#", 1)[0].split()
            if not fields:
                continue
            if len(fields) != 2 or fields[0] not in GATEWAY_CARRIERS:
                raise GatewayRangesError(f"{source}:{number}: expected 'carrier CIDR': {line!r}")
            try:
                networks.setdefault(fields[0], []).append(parse_network(fields[1]))
            except ValueError as error:
                raise GatewayRangesError(f"{source}:{number}: {error}") from None
        return cls(networks, source)

    def networks(self, carrier: str) -> tuple[Network, ...]:
        """Return the networks of carrier, in file order (none for carriers without any)."""
        found = self._sets.get(carrier)
        return found.networks if found else ()

    def contains(self, carrier: str, address: str | None) -> bool:
        """Return True when address lies inside carrier's gateway ranges."""
        found = self._sets.get(carrier)
        return found is not None and address in found

    def carrier_of(self, address: str | None) -> str | None:
        """Return the carrier whose gateway ranges hold address, or None."""
        key: AddressKey | None = address_key(address)
        if key is None:
            return None
        return next((name for name, found in self._sets.items() if found.contains_key(key)), None)

    def __repr__(self) -> str:
        counts = {name: len(found.networks) for name, found in self._sets.items()}
        return f"<GatewayRanges {self.source} {counts}>"


def load_gateway_ranges(path: str | os.PathLike[str] | None = None) -> GatewayRanges:
    """Read gateway ranges from path, else KEITAI_GATEWAY_RANGES_FILE, else the bundled file."""
    chosen = Path(path or os.environ.get(ENV_VAR) or DEFAULT_FILE)
    return GatewayRanges.parse(chosen.read_text(encoding="utf-8"), source=str(chosen))


_lock = threading.Lock()
_current: GatewayRanges | None = None


def gateway_ranges() -> GatewayRanges:
    """Return the ranges in use, loading them on first use."""
    global _current
    current = _current
    if current is None:
        with _lock:
            current = _current
            if current is None:
                current = _current = load_gateway_ranges()
    return current


def set_gateway_ranges(ranges: GatewayRanges | None) -> None:
    """Use ranges from now on; None forgets them, so the next lookup loads the file again."""
    global _current
    with _lock:
        _current = ranges


def reload_gateway_ranges(path: str | os.PathLike[str] | None = None) -> GatewayRanges:
    """Read the ranges file again (see load_gateway_ranges) and use it from now on."""
    ranges = load_gateway_ranges(path)
    set_gateway_ranges(ranges)
    return ranges
