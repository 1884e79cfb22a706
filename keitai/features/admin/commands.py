"""`keitai admin grant|revoke`: operator rights from the command line, audited."""
from __future__ import annotations

import click

from keitai.addresses import normalize_email
from keitai.features.admin import factors
from keitai.members import find_by_address
from keitai.models.member import Member
from keitai.moderation import audit

#: the operator id the audit log names for the command line (no member did it)
COMMAND_LINE = 0


def _member(email: str) -> Member:
    member = find_by_address(normalize_email(email))
    if member is None:
        raise click.ClickException(f"no member has the address {email}")
    return member


def grant(email: str, totp: bool) -> list[str]:
    """Make the member an operator (with a new TOTP secret when asked); return what to print."""
    member = _member(email)
    factors.make_operator(member)
    lines = [f"{member.email} (member {member.id}) is an operator"]
    if totp:
        uri = factors.enroll_totp(member)
        secret = uri.split("secret=", 1)[1].split("&", 1)[0]
        lines += ["add this to the operator's TOTP app now; it is not shown again:",
                  uri, f"secret: {secret}"]
    else:
        to = member.mobile_email or member.email
        lines.append(f"second factor: a one-time code mailed to {to} at each login")
    audit.record(COMMAND_LINE, "operator.grant", "member", member.id, "keitai admin grant",
                 {"totp": totp})
    return lines


def revoke(email: str) -> str:
    """Take the member's operator rights away; return what to print."""
    member = _member(email)
    if not member.is_admin:
        return f"{member.email}: not an operator, nothing changed"
    factors.drop_operator(member)
    audit.record(COMMAND_LINE, "operator.revoke", "member", member.id, "keitai admin revoke")
    return f"{member.email}: operator rights revoked"
