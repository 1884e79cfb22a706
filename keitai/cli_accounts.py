"""The account commands of `keitai`: create a member, invite one, grant and revoke premium
membership and operator rights; and the app context every command runs its work in."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click
from flask import Flask


@contextmanager
def app_context() -> Iterator[Flask]:
    """Run a block in an app context on the configured database, then close the database.

    The block owns its transactions (the worker's claims and results); a command's writes go
    through unit_of_work() instead.
    """
    from keitai import create_app
    from keitai.db import db as database

    app = create_app()
    with app.app_context():
        try:
            yield app
        finally:
            database.session.remove()
            database.dispose()


@contextmanager
def unit_of_work() -> Iterator[None]:
    """Run a block as one unit of work on the configured database, then close the database.

    The unit commits when the block ends normally and rolls back when it raises (a refusal
    included), as a request's does.
    """
    from keitai.uow import unit_of_work as request_like_unit

    with app_context(), request_like_unit():
        yield


def _read_password(from_stdin: bool) -> str:
    """Return a password from the first line of stdin, or asked for twice on the terminal.

    Never from an option: a password in argv is seen by every user of `ps` and kept in the
    shell's history.
    """
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("password (at least 8 ASCII characters)", hide_input=True,
                            confirmation_prompt=True))


@click.command("create-member")
@click.argument("email")
@click.option("--nickname", required=True)
@click.option("--password-stdin", "password_stdin", is_flag=True,
              help="read the password from the first line of stdin instead of asking")
@click.option("--real-name", default="", help="kept private")
def create_member(email: str, nickname: str, password_stdin: bool, real_name: str) -> None:
    """Create a member who can log in at once (the password is asked for); print the id."""
    password = _read_password(password_stdin)
    from keitai.addresses import check_email
    from keitai.domain import DomainError
    from keitai.members import create_member as create
    from keitai.passwords import check_new_password, hash_password

    with unit_of_work():
        try:
            check_new_password(password)
            member_id = create(email=check_email(email), nickname=nickname,
                               real_name=real_name, password_hash=hash_password(password)).id
        except DomainError as refused:
            raise click.ClickException(refused.message) from None
    click.echo(member_id)  # once committed


@click.command()
@click.argument("email")
def invite(email: str) -> None:
    """Invite EMAIL as the operator (to seed the first members); print the sign-up link."""
    from keitai.domain import DomainError
    from keitai.features.signup.service import invite as send_invitation

    with unit_of_work():
        try:
            url = send_invitation(None, email, None)
        except DomainError as refused:
            raise click.ClickException(refused.message) from None
    if url is None:
        raise click.ClickException("not invited: the address is a member's, or has had "
                                   "too many mails this hour")
    # once committed: the mail is queued with the invitation
    click.echo(f"invitation to {email.strip().lower()} queued (keitai worker mails it): {url}")


@click.group()
def premium() -> None:
    """Grant and revoke premium membership (billing is outside the site)."""


@premium.command("grant")
@click.argument("email")
@click.option("--months", required=True, type=click.IntRange(1, 120),
              help="added to the end of a running period, else counted from now")
def premium_grant(email: str, months: int) -> None:
    """Make a member premium for N more months; print the period (Japan time)."""
    from keitai.premium import grant, member_by_email
    from keitai.timefmt import jst_time

    with unit_of_work():
        member = member_by_email(email)
        if member is None:
            raise click.ClickException(f"no member has the address {email}")
        since, until = grant(member, months)
        line = (f"{member.email}: premium from {jst_time(since, True)} "
                f"until {jst_time(until, True)} (JST)")
    click.echo(line)  # once committed


@premium.command("revoke")
@click.argument("email")
def premium_revoke(email: str) -> None:
    """End a member's premium period now."""
    from keitai.premium import member_by_email, revoke
    from keitai.timefmt import jst_time

    with unit_of_work():
        member = member_by_email(email)
        if member is None:
            raise click.ClickException(f"no member has the address {email}")
        line = (f"{member.email}: premium ended {jst_time(member.premium_until, True)} (JST)"
                if revoke(member) else f"{member.email}: not premium, nothing changed")
    click.echo(line)  # once committed


@click.group()
def admin() -> None:
    """Grant and revoke operator rights (the console at /admin)."""


@admin.command("grant")
@click.argument("email")
@click.option("--totp", is_flag=True,
              help="log in with a TOTP app: print its otpauth:// URI once (else a mailed code)")
def admin_grant(email: str, totp: bool) -> None:
    """Make a member an operator (the first one, or any); their password stays theirs."""
    from keitai.features.admin.commands import grant

    with unit_of_work():
        lines = grant(email, totp)
    click.echo("\n".join(lines))  # once committed


@admin.command("revoke")
@click.argument("email")
def admin_revoke(email: str) -> None:
    """Take a member's operator rights away (their console login ends at once)."""
    from keitai.features.admin.commands import revoke

    with unit_of_work():
        line = revoke(email)
    click.echo(line)  # once committed
