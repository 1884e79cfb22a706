"""Links mailed on request to whoever owns an address: answered and counted alike for anyone.

Anyone may ask for a password-reset or unlock link by typing an address. The page must not
tell a member's address from a stranger's, so both get the same answer, count against the
same limits and are refused by the same limits. Whether a mail then goes out (the address is
a member's, its hourly mail allowance is left, the mail server took it) is never shown.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import current_app

from carriers import Handset
from keitai import mail, ratelimit, tokens
from keitai.addresses import check_email
from keitai.domain import DomainError
from keitai.features.login.service import client_subject
from keitai.members import find_by_address
from keitai.models.member import Member

log = logging.getLogger(__name__)

#: requests one client may make in an hour, for any addresses
REQUESTS_PER_CLIENT_HOUR = 20


@dataclass(frozen=True, slots=True)
class LinkMail:
    """One kind of link mailed on request."""

    #: the token purpose, also the name of the rate limits
    purpose: str
    #: mail template (subject on the first line)
    template: str
    #: the page the link opens
    endpoint: str
    #: how long the link works
    seconds: int
    #: send to the member's registered mobile address rather than the address typed
    to_mobile: bool = False


def request_link(kind: LinkMail, raw_email: str, handset: Handset,
                 client_address: str | None) -> None:
    """Mail the link when a member has this address; raise DomainError only for everyone."""
    address = check_email(raw_email)
    subject, factor = client_subject(handset, client_address)
    per_address = current_app.config["MAILS_PER_ADDRESS_HOUR"]
    counted = [(ratelimit.Limit(f"{kind.purpose}-address", per_address, 3600), address),
               (ratelimit.Limit(f"{kind.purpose}-client", REQUESTS_PER_CLIENT_HOUR * factor,
                                3600), subject)]
    passed = ratelimit.reserve(counted)
    if passed is not None:
        raise DomainError("お申し込みが続いたため、受け付けられませんでした。"
                          f"{passed.minutes()}分ほどたってからもう一度お試しください。")
    member = find_by_address(address)
    if member is None:
        log.info("%s asked for an unknown address", kind.purpose)
        return
    _send(kind, member, (member.mobile_email or member.email) if kind.to_mobile else address)


def _send(kind: LinkMail, member: Member, to: str) -> None:
    """Issue the token and queue the mail with its link; a refusal is logged, never shown."""
    try:
        mail.reserve(to)
    except DomainError:
        log.warning("%s for member %s not mailed: too many mails this hour", kind.purpose,
                    member.id)
        return
    token = tokens.issue(kind.purpose, to, kind.seconds, member_id=member.id)
    mail.send(to, kind.template, member=member, minutes=kind.seconds // 60,
              url=mail.link(kind.endpoint, to, t=token))
