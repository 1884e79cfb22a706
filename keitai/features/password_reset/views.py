"""/password/forgot and /password/reset pages."""
from __future__ import annotations

from flask import g, render_template, request

from keitai.auth import client_address, log_out
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.password_reset import bp, service

SENT = ("入力されたアドレスが登録されていれば、パスワード再設定のメールを送りました。"
        "メールが届かないときは、迷惑メールの設定(ドメイン指定受信)も確かめてください。")


def _notice(message: str) -> str:
    return render_template("notice.html", title="パスワードの再設定", message=message)


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot() -> str:
    """Ask for the address and mail it a reset link."""
    if request.method == "GET":
        return render_template("password_forgot.html", email="", message=None)
    address = request.form.get("email", "")
    try:
        service.request_reset(address, g.handset, client_address())
    except DomainError as refused:
        return render_template("password_forgot.html", email=address, message=refusal(refused))
    return _notice(SENT)


@bp.get("/password/reset")
def reset_form() -> str:
    """Show the new-password form of a reset link."""
    token = request.args.get("t", "")
    try:
        service.check_reset_link(token)
    except DomainError as refused:
        return _notice(refusal(refused))
    return render_template("password_reset.html", token=token, message=None)


@bp.post("/password/reset")
def reset() -> str:
    """Set the new password."""
    token = request.form.get("t", "")
    logged_in_as = g.session.member_id
    try:
        member = service.reset(token, request.form.get("new", ""))
    except DomainError as refused:
        message = refusal(refused)
        try:
            service.check_reset_link(token)
        except DomainError:
            return _notice(message)
        return render_template("password_reset.html", token=token, message=message)
    if logged_in_as == member.id:  # a reset ends this session too
        log_out()
    return _notice("パスワードを変更しました。新しいパスワードでログインしてください。")
