"""Settings pages: the menu, mail address, password and withdrawal."""
from __future__ import annotations

from flask import g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai import tokens
from keitai.auth import log_out, logged_in_member, member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.settings import bp, service
from keitai.gateway import sessions


def _notice(message: str, title: str) -> str:
    return render_template("notice.html", title=title, message=message)


@bp.get("/settings")
@member_required
def menu() -> str:
    """Show the settings menu."""
    return render_template("settings.html", member=logged_in_member())


@bp.route("/settings/email", methods=["GET", "POST"])
@member_required
def email() -> str:
    """Ask for the new address and the password; mail the new address a link."""
    if request.method == "GET":
        return render_template("settings_email.html", member=logged_in_member(), email="",
                               message=None)
    address = request.form.get("email", "")
    try:
        sent = service.request_email_change(logged_in_member(), address,
                                            request.form.get("password", ""))
    except DomainError as refused:
        message = refusal(refused)
        return render_template("settings_email.html", member=logged_in_member(), email=address,
                               message=message)
    return _notice(f"{sent} に確認のメールを送りました。メールのURLを開くと変更が終わります。",
                   "メールアドレスの変更")


@bp.get("/settings/email/confirm")
def confirm_email_form() -> str:
    """Show the address change a mailed link names, with a button to complete it."""
    token = request.args.get("t", "")
    return render_template("settings_email_confirm.html", token=token)


@bp.post("/settings/email/confirm")
def confirm_email() -> str:
    """Make the mailed address the member's."""
    token = request.form.get("t", "")
    try:
        address = tokens.open_token(token, "email_change").email
        member = service.confirm_email_change(token)
    except DomainError as refused:
        return _notice(refusal(refused), "メールアドレスの変更")
    return _notice(_changed(address, member.email, member.mobile_email), "メールアドレスの変更")


def _changed(address: str, login: str, mobile: str | None) -> str:
    """Say which of the member's addresses the confirmed address became."""
    if address == login and address == mobile:
        return f"ログイン用と携帯電話のメールアドレスを {address} に変更しました。"
    if address == mobile:
        return (f"携帯電話のメールアドレスを {address} に変更しました。"
                f"ログインには今までどおり {login} を使います。")
    return f"ログイン用のメールアドレスを {address} に変更しました。"


@bp.route("/settings/password", methods=["GET", "POST"])
@member_required
def password() -> str | Response:
    """Change the password (the other sessions are logged out)."""
    if request.method == "GET":
        return render_template("settings_password.html", message=None)
    row = g.session.row
    try:
        service.change_password(logged_in_member(), request.form.get("current", ""),
                                request.form.get("new", ""), g.handset,
                                row.token_hash if row is not None else None)
    except DomainError as refused:
        return render_template("settings_password.html", message=refusal(refused))
    sessions.rotate_session(logged_in_member().id)
    g.session.set("notice", "パスワードを変更しました。")
    return redirect(url_for("top.index"))


@bp.route("/settings/withdraw", methods=["GET", "POST"])
@member_required
def withdraw() -> str:
    """Withdraw from the site, after the password and a confirmation."""
    if request.method == "GET":
        return render_template("withdraw.html", message=None)
    if request.form.get("confirm") != "1":
        return render_template("withdraw.html", message="退会する場合はチェックを入れてください。")
    try:
        service.withdraw(logged_in_member(), request.form.get("password", ""))
    except DomainError as refused:
        return render_template("withdraw.html", message=refusal(refused))
    log_out()
    return _notice("退会しました。ご利用ありがとうございました。", "退会")
