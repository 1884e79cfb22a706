"""`keitai admin grant EMAIL [--totp]` and `keitai admin revoke EMAIL`."""
from __future__ import annotations

import re
from collections.abc import Callable

import pyotp
from click.testing import CliRunner
from flask import Flask

from keitai.cli import main
from keitai.db import db
from keitai.models import Member
from tests.admin.conftest import Clock, Operator, audit_rows, log_in, pc


def run(app: Flask, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["admin", *args],
                                env={"KEITAI_DATABASE_URL": app.config["DATABASE_URL"]})
    return result.exit_code, result.output


def is_admin(app: Flask, member_id: int) -> bool:
    with app.app_context():
        member = db.session.get(Member, member_id)
        db.session.remove()
        return bool(member and member.is_admin)


def test_grant_with_totp_makes_the_first_operator_who_can_log_in(
        app: Flask, create_member: Callable[..., int], clock: Clock) -> None:
    member_id = create_member(email="first@example.com")
    code, output = run(app, "grant", "First@Example.com", "--totp")
    assert code == 0, output
    assert "first@example.com" in output and "is an operator" in output
    uri = re.search(r"otpauth://totp/\S+", output)
    assert uri is not None and "issuer=keitai%20admin" in uri.group(0)
    secret = re.search(r"secret: ([A-Z2-7]+)", output)
    assert secret is not None and pyotp.parse_uri(uri.group(0)).secret == secret.group(1)
    assert is_admin(app, member_id)
    [row] = audit_rows(app)
    assert (row.operator_id, row.action, row.target_id) == (0, "operator.grant", member_id)
    # the printed secret is the one the login checks
    log_in(pc(app), Operator(member_id, "first@example.com", secret.group(1)), clock)


def test_the_secret_is_not_stored_in_clear(
        app: Flask, create_member: Callable[..., int]) -> None:
    from keitai.models import OperatorFactor

    member_id = create_member(email="first@example.com")
    _code, output = run(app, "grant", "first@example.com", "--totp")
    secret = re.search(r"secret: ([A-Z2-7]+)", output).group(1)  # type: ignore[union-attr]
    with app.app_context():
        factor = db.session.get(OperatorFactor, member_id)
        assert factor is not None and factor.totp_sealed is not None
        import base64

        assert base64.b32decode(secret).hex() != factor.totp_sealed
        assert secret not in factor.totp_sealed
        db.session.remove()


def test_grant_without_totp_logs_in_with_a_mailed_code(
        app: Flask, create_member: Callable[..., int]) -> None:
    create_member(email="second@example.com", mobile_email="second@ezweb.ne.jp")
    code, output = run(app, "grant", "second@example.com")
    assert code == 0 and "second@ezweb.ne.jp" in output and "otpauth" not in output


def test_grant_refuses_an_unknown_address(app: Flask) -> None:
    code, output = run(app, "grant", "nobody@example.com")
    assert code != 0 and "no member has the address nobody@example.com" in output


def test_revoke_takes_the_rights_away(
        app: Flask, operator: Callable[..., Operator]) -> None:
    who = operator()
    code, output = run(app, "revoke", who.email)
    assert code == 0 and "revoked" in output
    assert not is_admin(app, who.id)
    code, output = run(app, "revoke", who.email)
    assert code == 0 and "nothing changed" in output
