"""The shape every carrier parser has, so detect() can treat carriers as data."""
from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

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

    def matches(self, user_agent: str) -> bool:
        """Return True when user_agent belongs to this carrier."""
        return user_agent.startswith(self.prefixes) or self.matches_unprefixed(user_agent)

    def matches_unprefixed(self, user_agent: str) -> bool:
        """Return True for a User-Agent of this carrier that starts with none of its prefixes."""
        return False

    def parse(self, user_agent: str, headers: Mapping[str, str]) -> Handset:
        """Return the handset that user_agent and the profile headers describe."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.carrier}>"
