"""The top page: the member's menu, or login and easy login for visitors."""
from __future__ import annotations

from flask import Blueprint, g, render_template

from keitai.auth import current_member

bp = Blueprint("top", __name__)


@bp.get("/")
def index() -> str:
    """Show the top page, with the notice a previous step left (sign-up done, ...)."""
    member, notice = current_member(), g.session.pop("notice")
    if member is not None:  # a member's `/` is their home (keitai.features.home)
        from keitai.features.home.views import home

        return home(member, notice)
    return render_template("top.html", member=member, notice=notice)
