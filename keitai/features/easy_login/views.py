"""/easy_login and /settings/easy_login: only under our own host name (DNS rebinding)."""
from __future__ import annotations

from flask import g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai.auth import (
    current_member,
    kept_next,
    log_in,
    logged_in_with_password,
    member_required,
    require_own_host,
    safe_next,
)
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.easy_login import bp, queries, service
from keitai.features.login.views import suspended_page
from keitai.moderation import bans


@bp.before_request
def own_host_only() -> None:
    """Refuse every easy-login page under a Host that is not ours."""
    require_own_host()


@bp.get("/easy_login")
def form() -> str:
    """Show the easy-login button."""
    return render_template("easy_login.html", message=None,
                           next=kept_next(request.args.get("next")))


@bp.post("/easy_login")
def submit() -> str | Response:
    """Log in by the handset's terminal id, or say why not."""
    next_page = kept_next(request.form.get("next"))
    try:
        member = service.easy_login(g.handset)
    except bans.Suspended as suspended:
        return suspended_page(suspended)
    except DomainError as refused:
        return render_template("easy_login.html", message=refusal(refused), next=next_page)
    log_in(member, "easy")
    return redirect(safe_next(next_page))


def _settings(message: str | None = None, done: str | None = None) -> str:
    member = current_member()
    assert member is not None
    handsets = queries.registered_handsets(member.id)
    return render_template("easy_login_settings.html", handsets=handsets, message=message,
                           done=done)


@bp.get("/settings/easy_login")
@member_required
def settings() -> str:
    """List the registered handsets and offer to register the one in hand."""
    return _settings()


@bp.post("/settings/easy_login")
@member_required
def register() -> str:
    """Register the handset in hand."""
    member = current_member()
    assert member is not None
    try:
        service.register(member, g.handset, request.form.get("password", ""),
                         logged_in_with_password())
    except DomainError as refused:
        return _settings(message=refusal(refused))
    return _settings(done="この端末を登録しました。次からはかんたんログインで入れます。")


@bp.post("/settings/easy_login/<int:registration_id>/delete")
@member_required
def remove(registration_id: int) -> Response:
    """Remove a registered handset."""
    member = current_member()
    assert member is not None
    service.remove(member, registration_id)
    return redirect(url_for("easy_login.settings"))
