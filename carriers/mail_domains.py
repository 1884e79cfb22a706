"""Carrier mail domains: which mail addresses belong to a handset, and how mail to them links.

The domains live in carriers/data/mail_domains.txt ("carrier domain" lines; "*.domain" takes
subdomains too), so an operator can add one without a code change.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

DEFAULT_FILE = Path(__file__).resolve().parent / "data" / "mail_domains.txt"
#: carriers whose handsets have their own mail domains (EMOBILE sold data cards and phones)
MAIL_CARRIERS = ("docomo", "au", "softbank", "willcom", "emobile")
#: query our links in mail carry, per carrier: docomo sends the i-mode ID only on guid=ON
LINK_QUERY = {"docomo": "guid=ON"}
#: mail carriers whose handsets carriers.detect() names otherwise: EMOBILE sold full-browser
#: phones and data cards, which it calls smartphones
READ_AS = {"emobile": "smartphone"}


class MailDomainsError(ValueError):
    """A domains file line that names no known carrier."""


@dataclass(frozen=True, slots=True)
class MailDomains:
    """Exact carrier domains and the domains whose subdomains count as well."""

    exact: dict[str, str]
    #: "pdx.ne.jp" -> "willcom": the domain and everything under it
    parents: dict[str, str]

    @classmethod
    def parse(cls, text: str, source: str = "<text>") -> MailDomains:
        """Read "carrier domain" lines; raise MailDomainsError on a bad line."""
        exact: dict[str, str] = {}
        parents: dict[str, str] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            fields = line.split("#", 1)[0].split()
            if not fields:
                continue
            if len(fields) != 2 or fields[0] not in MAIL_CARRIERS:
                raise MailDomainsError(f"{source}:{number}: expected 'carrier domain': {line!r}")
            carrier, domain = fields[0], fields[1].lower()
            if domain.startswith("*."):
                parents[domain[2:]] = carrier
            else:
                exact[domain] = carrier
        return cls(exact, parents)

    def carrier_of(self, domain: str) -> str | None:
        """Return the carrier a mail domain belongs to, or None for other domains."""
        domain = domain.lower().rstrip(".")
        found = self.exact.get(domain)
        if found is not None:
            return found
        labels = domain.split(".")
        for start in range(len(labels) - 1):
            found = self.parents.get(".".join(labels[start:]))
            if found is not None:
                return found
        return None


@functools.cache
def mail_domains() -> MailDomains:
    """Return the bundled carrier mail domains, read once."""
    return MailDomains.parse(DEFAULT_FILE.read_text(encoding="utf-8"), str(DEFAULT_FILE))


def mail_carrier(address: str) -> str | None:
    """Return the carrier of a mail address (docomo, au, ...), or None if it is no handset's."""
    _local, at, domain = address.rpartition("@")
    return mail_domains().carrier_of(domain) if at else None


def mail_reader(address: str) -> str:
    """Return the carriers.CARRIERS name of the handsets that read mail to address ("pc" for
    an address on no carrier's mail domain)."""
    carrier = mail_carrier(address)
    return "pc" if carrier is None else READ_AS.get(carrier, carrier)


def mail_link_query(address: str) -> str:
    """Return the query our links in a mail to this address must carry (docomo: guid=ON)."""
    carrier = mail_carrier(address)
    return LINK_QUERY.get(carrier, "") if carrier else ""
