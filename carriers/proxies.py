"""Which address a request really came from, when reverse proxies stand in front of the app.

Policy (easy login depends on it, so it errs towards "not from a carrier gateway"):

* X-Forwarded-For is believed only when the peer (remote_addr) is a trusted proxy. From
  anyone else it may be forged, so remote_addr is the answer.
* The list is walked from the right, the end our own proxies wrote. Each trusted proxy in it
  vouches for the entry to its left; the first untrusted address is the client.
* An entry that is not an address ("unknown", junk, an empty field) ends the walk: the proxy
  that wrote it did not know the client, so the answer is that last trusted hop's address.
  That address is one of our proxies, so it is inside no carrier gateway range.
* A list of only trusted proxies gives the leftmost of them; a list longer than MAX_HOPS
  gives the last trusted hop reached, as for junk.
* The whole header is read, however long: it is split from the right, so the entries our
  proxies appended are always the ones walked. (Cutting the header to a length first would
  let a client pad it until our proxy's entry fell past the cut, and the walk would start
  among entries the client wrote.)
* Only X-Forwarded-For is read. The standard Forwarded header (RFC 7239) is not honoured:
  a client may send one, and no proxy of ours vouches for it.
* Entries may carry a port ("203.0.113.7:5000", "[2001:db8::1]:443"); it is dropped. Returned
  addresses are in their standard text form.
"""
from __future__ import annotations

import functools
from collections.abc import Sequence

from carriers.addresses import AddressSet, address_key, canonical, parse_network

#: entries of X-Forwarded-For walked at most, counted from the right
MAX_HOPS = 32


def client_address(remote_addr: str | None, forwarded_for: str | None,
                   trusted_proxies: Sequence[str]) -> str | None:
    """Return the client's address, believing X-Forwarded-For only as far as trusted proxies go."""
    if remote_addr is None or not forwarded_for or not trusted_proxies:
        return remote_addr
    trusted = _trusted(_as_tuple(trusted_proxies))
    key = address_key(remote_addr)
    if key is None or not trusted.contains_key(key):
        return remote_addr
    hop = remote_addr
    # at most MAX_HOPS + 1 pieces; the leftmost holds whatever lies beyond the walk
    entries = forwarded_for.rsplit(",", MAX_HOPS)
    for entry in reversed(entries[-MAX_HOPS:]):
        candidate = _entry_address(entry)
        if candidate is None:
            return hop
        if candidate not in trusted:
            return candidate
        hop = candidate
    return hop


def _entry_address(entry: str) -> str | None:
    entry = entry.strip()
    if entry.startswith("["):  # [IPv6]:port
        end = entry.find("]")
        entry = entry[1:end] if end > 0 else ""
    elif entry.count(":") == 1:  # IPv4:port
        entry = entry.split(":", 1)[0]
    return canonical(entry)


def _as_tuple(trusted_proxies: Sequence[str]) -> tuple[str, ...]:
    if isinstance(trusted_proxies, str):  # "10.0.0.1, 10.0.0.2" from an environment variable
        return tuple(trusted_proxies.replace(",", " ").split())
    return tuple(trusted_proxies)


@functools.lru_cache(maxsize=64)
def _trusted(proxies: tuple[str, ...]) -> AddressSet:
    networks = []
    for text in proxies:
        try:
            networks.append(parse_network(text))
        except ValueError as error:
            message = f"trusted proxy {text!r} is not an address or network: {error}"
            raise ValueError(message) from None
    return AddressSet(networks)
