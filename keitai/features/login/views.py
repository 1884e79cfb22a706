"""Login and logout pages."""
from __future__ import annotations

from flask import g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai.auth import client_address, current_member, log_out, safe_next
from keitai.domain import DomainError
from keitai.features.login import bp, service


@bp.get("/login")
def form() -> str:
    """Show the login form (and the easy-login button on handsets that have it)."""
    return render_template("login.html", email="", next=request.args.get("next", ""),
                           message=None, member=current_member())


@bp.post("/login")
def submit() -> str | Response | tuple[str, int]:
    """Check the address and password, and log in."""
    email, next_page = request.form.get("email", ""), request.form.get("next", "")
    try:
        service.log_in_with_password(email, request.form.get("password", ""), g.handset,
                                     client_address())
    except service.LoginThrottled as refused:
        return render_template("login.html", email=email, next=next_page,
                               message=refused.message, member=None), 429
    except DomainError as refused:
        return render_template("login.html", email=email, next=next_page,
                               message=refused.message, member=None)
    return redirect(safe_next(next_page))


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
