"""Invitation, sign-up, mobile-address verification and terms pages."""
from __future__ import annotations

from flask import g, redirect, render_template, request, url_for
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from keitai.auth import client_address, current_member, log_in, logged_in_member, member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.signup import bp, invitations, joining, service
from keitai.features.signup.profile import SignUpForm
from keitai.features.social import me_id, per_page, redirect_with_notice, take_notice
from keitai.models.invitation import Invitation
from keitai.pagination import fetch_page, page_number


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


class InvitationNotFound(NotFound):
    """An invitation that is not the member's to act on (or no invitation at all)."""

    description = "この招待は見つかりません。"


def _invite_page(email: str = "", knows: str | None = None, message: str | None = None,
                 notice: str | None = None) -> str:
    """Render the invitation form above the member's invitations, a page at a time."""
    page = fetch_page(invitations.listed_by(me_id()), page_number(request.args.get("page")),
                      per_page())
    rows = [(row, nickname, invitations.state(row)) for row, nickname in page.rows]
    return render_template("invite.html", email=email, knows=knows, message=message,
                           notice=notice, page=page, rows=rows, labels=invitations.STATE_LABELS)


def _own_invitation(invitation_id: int) -> Invitation:
    """Return the logged-in member's invitation, or 404 (someone else's looks like none)."""
    found = invitations.of_inviter(invitation_id, me_id())
    if found is None:
        raise InvitationNotFound()
    return found


@bp.get("/invite")
@member_required
def invite_form() -> str:
    """Show the invitation form and the invitations I sent."""
    return _invite_page(notice=take_notice())


@bp.post("/invite")
@member_required
def invite() -> str | tuple[str, int]:
    """Invite an address and mail it the sign-up link."""
    email, knows = request.form.get("email", ""), request.form.get("knows")
    try:
        service.invite(current_member(), email, knows)
    except DomainError as refused:
        return _invite_page(email, knows, refusal(refused))
    return _notice(f"{email.strip()} に招待メールを送りました。", "招待しました")


@bp.post("/invite/<int:invitation_id>/resend")
@member_required
def resend(invitation_id: int) -> Response:
    """Mail one of my invitations again, with a new link and a new expiry."""
    invitation = _own_invitation(invitation_id)
    if invitation.cancelled_at is not None:
        raise InvitationNotFound()
    address = invitation.email
    try:
        service.resend(logged_in_member(), invitation)
    except DomainError as refused:
        return redirect_with_notice(url_for("signup.invite_form"), refusal(refused))
    return redirect_with_notice(url_for("signup.invite_form"),
                                f"{address} に招待メールをもう一度送りました。")


@bp.route("/invite/<int:invitation_id>/cancel", methods=["GET", "POST"])
@member_required
def cancel(invitation_id: int) -> str | Response:
    """Confirm, then cancel one of my invitations: its link stops working at once."""
    invitation = _own_invitation(invitation_id)
    done = url_for("signup.invite_form")
    if invitation.used_at is not None:
        return redirect_with_notice(done, "登録済みの招待は取り消せません。")
    if request.method == "GET":
        if invitation.cancelled_at is not None:
            raise InvitationNotFound()
        return render_template("invite_cancel.html", invitation=invitation)
    invitations.cancel(invitation.id, me_id())  # a second submit finds it cancelled: no harm
    return redirect_with_notice(done, f"{invitation.email} への招待を取り消しました。")


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
    g.session.set("notice", joining.welcome(result.id))
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
        member = service.verify(request.form.get("t", ""), g.handset)
    except DomainError as refused:
        return _notice(refusal(refused), "登録の確認")
    log_in(member, "password")
    g.session.set("notice", joining.welcome(member.id))
    return redirect(url_for("top.index"))


@bp.get("/terms")
def terms() -> str:
    """Show the terms of use."""
    return render_template("terms.html")
