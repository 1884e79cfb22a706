"""/password/forgot and /password/reset pages."""
from __future__ import annotations

from flask import g, render_template, request

from keitai.auth import client_address
from keitai.domain import DomainError
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
        return render_template("password_forgot.html", email=address, message=refused.message)
    return _notice(SENT)


@bp.get("/password/reset")
def reset_form() -> str:
    """Show the new-password form of a reset link."""
    token = request.args.get("t", "")
    try:
        service.check_reset_link(token)
    except DomainError as refused:
        return _notice(refused.message)
    return render_template("password_reset.html", token=token, message=None)


@bp.post("/password/reset")
def reset() -> str:
    """Set the new password."""
    token = request.form.get("t", "")
    try:
        service.reset(token, request.form.get("new", ""))
    except DomainError as refused:
        try:
            service.check_reset_link(token)
        except DomainError:
            return _notice(refused.message)
        return render_template("password_reset.html", token=token, message=refused.message)
    return _notice("パスワードを変更しました。新しいパスワードでログインしてください。")
