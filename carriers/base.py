"""The shape every carrier parser has, so detect() can treat carriers as data."""
from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from carriers.fields import clean_value
from carriers.handset import Handset


class CarrierParser:
    """Recognise one carrier's User-Agents and read its handsets' profile from them."""

    #: carrier name, one of carriers.handset.CARRIERS
    carrier: ClassVar[str] = "pc"
    #: how this carrier's User-Agents start: each is enough for matches()
    prefixes: ClassVar[tuple[str, ...]] = ()
    #: lower-case request headers whose values change what parse() returns (cache key)
    profile_headers: ClassVar[tuple[str, ...]] = ()
    #: lower-case request header where this carrier's gateway puts the subscriber id
    subscriber_header: ClassVar[str | None] = None
    #: profile headers copied as they are into Handset.extras, with their display names
    extra_headers: ClassVar[tuple[tuple[str, str], ...]] = ()

    def matches(self, user_agent: str) -> bool:
        """Return True when user_agent belongs to this carrier."""
        return user_agent.startswith(self.prefixes) or self.matches_unprefixed(user_agent)

    def matches_unprefixed(self, user_agent: str) -> bool:
        """Return True for a User-Agent of this carrier that starts with none of its prefixes."""
        return False

    def parse(self, user_agent: str, headers: Mapping[str, str]) -> Handset:
        """Return the handset that user_agent and the profile headers describe."""
        raise NotImplementedError

    def extras(self, headers: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
        """Return the extra facts for the /handset page found in the profile headers."""
        if not headers:
            return ()
        found = []
        for name, label in self.extra_headers:
            value = headers.get(name)
            if value is not None and (value := clean_value(value)) is not None:
                found.append((label, value))
        return tuple(found)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.carrier}>"
