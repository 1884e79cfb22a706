"""The top page: the member's menu, or login and easy login for visitors."""
from __future__ import annotations

from flask import Blueprint, g, render_template

from keitai.gateway.response import keep_whole

bp = Blueprint("top", __name__)


@bp.get("/")
def index() -> str:
    """Show the top page, with the notice a previous step left (sign-up done, ...)."""
    member_id, notice = g.session.member_id, g.session.pop("notice")
    keep_whole()  # made to fit the smallest page whole: never in comfortable parts
    if member_id is not None:  # a member's `/` is their home (keitai.features.home)
        from keitai.features.home.views import home

        page = home(member_id, notice)
        if page is not None:
            return page
    return render_template("top.html", member=None, notice=notice)
