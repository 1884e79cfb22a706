"""Login and logout pages, and the unlock link for a locked account."""
from __future__ import annotations

from flask import g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai.auth import client_address, current_member, kept_next, log_in, log_out, safe_next
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.login import bp, service, unlock
from keitai.moderation import bans

UNLOCK_TITLE = "ログインのロック解除"
UNLOCK_SENT = ("入力されたアドレスが登録されていれば、登録の携帯電話のアドレスに"
               "ロック解除のメールを送りました。メールのURLから、パスワードを入力してログイン"
               "してください。届かないときは、迷惑メールの設定(ドメイン指定受信)も"
               "確かめてください。")


def suspended_page(suspended: bans.Suspended) -> str:
    """Tell a suspended member why and until when (their login is not made)."""
    refusal(suspended)
    return render_template("suspended.html", suspended=suspended)


@bp.get("/login")
def form() -> str:
    """Show the login form (and the easy-login button on handsets that have it)."""
    return render_template("login.html", email="", next=kept_next(request.args.get("next")),
                           message=None, member=current_member(), locked=False)


@bp.post("/login")
def submit() -> str | Response | tuple[str, int]:
    """Check the address and password, and log in."""
    email, next_page = request.form.get("email", ""), kept_next(request.form.get("next"))
    try:
        member = service.log_in_with_password(email, request.form.get("password", ""),
                                              g.handset, client_address())
    except bans.Suspended as suspended:
        return suspended_page(suspended)
    except DomainError as refused:
        locked = isinstance(refused, service.LoginThrottled)
        return render_template("login.html", email=email, next=next_page,
                               message=refusal(refused), member=None,
                               locked=locked), 429 if locked else 200
    log_in(member, "password")
    return redirect(safe_next(next_page))


@bp.route("/login/unlock", methods=["GET", "POST"])
def unlock_request() -> str | tuple[str, int]:
    """Ask for the address of a locked account and mail its owner an unlock link."""
    email = request.values.get("email", "")
    if request.method == "GET":
        return render_template("login_unlock.html", email=email, message=None)
    try:
        unlock.request_unlock(email, g.handset, client_address())
    except DomainError as refused:
        return render_template("login_unlock.html", email=email, message=refusal(refused))
    return render_template("notice.html", title=UNLOCK_TITLE, message=UNLOCK_SENT)


@bp.get("/login/unlock/link")
def unlocked_form() -> str:
    """Show the password form of a mailed unlock link."""
    token = request.args.get("t", "")
    try:
        unlock.check_unlock_link(token)
    except DomainError as refused:
        return render_template("notice.html", title=UNLOCK_TITLE, message=refusal(refused))
    return render_template("login_unlocked.html", token=token, message=None)


@bp.post("/login/unlock/link")
def unlocked() -> str | Response | tuple[str, int]:
    """Log in with the unlock link and the password."""
    token = request.form.get("t", "")
    try:
        member = unlock.log_in_with_unlock_link(token, request.form.get("password", ""),
                                                g.handset)
    except bans.Suspended as suspended:
        return suspended_page(suspended)
    except DomainError as refused:
        message = refusal(refused)
        try:
            unlock.check_unlock_link(token)
        except DomainError as dead:
            return render_template("notice.html", title=UNLOCK_TITLE, message=dead.message)
        status = 429 if isinstance(refused, service.LoginThrottled) else 200
        return render_template("login_unlocked.html", token=token, message=message), status
    log_in(member, "password")
    return redirect(url_for("top.index"))


@bp.get("/logout")
def confirm_logout() -> str | Response:
    """Ask before logging out (logging out is a write, so it is a POST)."""
    if current_member() is None:
        return redirect(url_for("top.index"))
    return render_template("logout.html")


@bp.post("/logout")
def logout() -> Response:
    """End the session and go to the top page."""
    log_out()
    return redirect(url_for("top.index"))
