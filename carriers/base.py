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
    #: lower-case request headers whose values change what parse() returns (cache key)
    profile_headers: ClassVar[tuple[str, ...]] = ()
    #: lower-case request header where this carrier's gateway puts the subscriber id
    subscriber_header: ClassVar[str | None] = None
    #: profile headers copied as they are into Handset.extras, with their display names
    extra_headers: ClassVar[tuple[tuple[str, str], ...]] = ()

    def matches(self, user_agent: str) -> bool:
        """Return True when user_agent belongs to this carrier."""
        raise NotImplementedError

    def parse(self, user_agent: str, headers: Mapping[str, str]) -> Handset:
        """Return the handset that user_agent and the profile headers describe."""
        raise NotImplementedError

    def extras(self, headers: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
        """Return the extra facts for the /handset page found in the profile headers."""
        found = ((label, clean_value(headers.get(name))) for name, label in self.extra_headers)
        return tuple((label, value) for label, value in found if value is not None)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.carrier}>"
