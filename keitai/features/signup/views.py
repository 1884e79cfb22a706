"""Invitation, sign-up, mobile-address verification and terms pages."""
from __future__ import annotations

from flask import g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai.auth import client_address, current_member, log_in, member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.signup import bp, invitations, service
from keitai.features.signup.profile import SignUpForm


def _form() -> SignUpForm:
    """Read the sign-up form as typed."""
    field = request.form.get
    return SignUpForm(
        nickname=field("nickname", ""), real_name=field("real_name", ""),
        birth_year=field("birth_year", "").strip(), birth_month=field("birth_month", "").strip(),
        birth_day=field("birth_day", "").strip(), password=field("password", ""),
        mobile_email=field("mobile_email", ""), agreed=field("agree") == "1",
    )


def _notice(message: str, title: str, status: int = 200) -> tuple[str, int]:
    return render_template("notice.html", title=title, message=message), status


@bp.get("/invite")
@member_required
def invite_form() -> str:
    """Show the invitation form."""
    return render_template("invite.html", email="", knows=None, message=None)


@bp.post("/invite")
@member_required
def invite() -> str | tuple[str, int]:
    """Invite an address and mail it the sign-up link."""
    email, knows = request.form.get("email", ""), request.form.get("knows")
    try:
        service.invite(current_member(), email, knows)
    except DomainError as refused:
        return render_template("invite.html", email=email, knows=knows,
                               message=refusal(refused))
    return _notice(f"{email.strip()} に招待メールを送りました。", "招待しました")


@bp.get("/signup")
def form() -> str | tuple[str, int]:
    """Show the sign-up form of the invitation the mailed link names."""
    token = request.args.get("t", "")
    try:
        invitation = invitations.open_invitation(token)
    except DomainError as refused:
        return _notice(refusal(refused), "新規登録")
    return render_template("signup.html", token=token, invitation=invitation,
                           needs_mobile=service.needs_mobile_address(invitation),
                           form=SignUpForm(), message=None)


@bp.post("/signup")
def submit() -> str | Response | tuple[str, int]:
    """Register, or mail the mobile address a link to check it."""
    token, form = request.form.get("t", ""), _form()
    try:
        result = service.sign_up(token, form, g.handset, client_address())
    except DomainError as refused:
        message = refusal(refused)
        try:
            invitation = invitations.open_invitation(token)
        except DomainError:
            return _notice(message, "新規登録")
        return render_template("signup.html", token=token, invitation=invitation,
                               needs_mobile=service.needs_mobile_address(invitation),
                               form=form, message=message)
    if isinstance(result, str):
        return render_template("signup_sent.html", address=result)
    log_in(result, "password")
    g.session.set("notice", "登録が完了しました。ようこそ!")
    return redirect(url_for("top.index"))


@bp.get("/signup/verify")
def verify_form() -> str | tuple[str, int]:
    """Show the pending sign-up a verification link names, with a button to complete it."""
    token = request.args.get("t", "")
    try:
        pending = service.pending_sign_up(token)
    except DomainError as refused:
        return _notice(refusal(refused), "登録の確認")
    return render_template("signup_verify.html", token=token, pending=pending)


@bp.post("/signup/verify")
def verify() -> Response | tuple[str, int]:
    """Complete the sign-up and log this handset in."""
    try:
        member = service.verify(request.form.get("t", ""))
    except DomainError as refused:
        return _notice(refusal(refused), "登録の確認")
    log_in(member, "password")
    g.session.set("notice", "登録が完了しました。ようこそ!")
    return redirect(url_for("top.index"))


@bp.get("/terms")
def terms() -> str:
    """Show the terms of use."""
    return render_template("terms.html")
