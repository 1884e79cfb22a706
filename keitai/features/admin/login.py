"""The console's login: the member's login address and password, then a second factor."""
from __future__ import annotations

from flask import g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai.addresses import normalize_email
from keitai.auth import client_address
from keitai.db import db
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.admin import bp, console, factors
from keitai.features.login.service import LoginThrottled, attempt_limits, check_password
from keitai.members import find_by_address
from keitai.models.member import Member
from keitai.moderation import audit

#: one answer for a wrong password and for a member who is no operator
REFUSED = "メールアドレスかパスワードが違うか、管理画面を使う権限がありません。"


@bp.get("/admin/login")
def login_form() -> str | Response:
    """Show the console's login form (or go to the console when logged in)."""
    if console.current_operator() is not None:
        return redirect(url_for("admin.front"))
    return render_template("admin/login.html", email="", message=None)


@bp.post("/admin/login")
def login() -> str | Response | tuple[str, int]:
    """Check the password (counted as a login is), then ask for the second factor."""
    email = request.form.get("email", "")
    account = normalize_email(email)
    member = find_by_address(account) if account else None
    counted = attempt_limits(member.email if member else account, g.handset, client_address())
    try:
        member = check_password(member, request.form.get("password", ""), counted, REFUSED)
        if not member.is_admin or member.suspended():
            raise DomainError(REFUSED)
        totp = factors.has_totp(member.id)
        if not totp:
            factors.mail_code(member)
    except DomainError as refused:
        status = 429 if isinstance(refused, LoginThrottled) else 200
        return render_template("admin/login.html", email=email,
                               message=refusal(refused)), status
    console.begin_pending(member, totp)
    return redirect(url_for("admin.verify_form"))


@bp.get("/admin/login/verify")
def verify_form() -> str | Response:
    """Ask for the TOTP code, or the code mailed to the operator's handset."""
    waiting = console.pending()
    if waiting is None:
        return redirect(url_for("admin.login_form"))
    return render_template("admin/verify.html", totp=bool(waiting.get("totp")), message=None)


@bp.post("/admin/login/verify")
def verify() -> str | Response:
    """Check the second factor; log the operator in to the console."""
    waiting = console.pending()
    if waiting is None:
        return redirect(url_for("admin.login_form"))
    member = db.session.get(Member, int(waiting["id"]))
    code = request.form.get("code", "")
    try:
        if member is None or not member.is_admin:
            raise DomainError(REFUSED)
        if factors.has_totp(member.id):
            factors.check_totp(member.id, code)
        else:
            factors.check_code(member.id, code)
    except DomainError as refused:
        return render_template("admin/verify.html", totp=bool(waiting.get("totp")),
                               message=refusal(refused))
    console.start(member)
    audit.record(member.id, "operator.login", "member", member.id, "",
                 {"address": client_address()})
    return redirect(url_for("admin.front"))


@bp.post("/admin/logout")
def logout() -> Response:
    """End the console login (a member login in the same browser stays)."""
    console.end()
    return redirect(url_for("admin.login_form"))
