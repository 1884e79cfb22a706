"""The footprints page."""
from __future__ import annotations

from flask import render_template, request

from keitai import timefmt
from keitai.auth import member_required
from keitai.features.footprints import bp, queries, service
from keitai.features.social import me_id, per_page
from keitai.pagination import fetch_page, page_number

timefmt.register(bp)


@bp.get("/footprints")
@member_required
def index() -> str:
    """List who visited my profile, newest first, and mark them seen."""
    me = me_id()
    page = fetch_page(queries.visitors(me), page_number(request.args.get("page")), per_page())
    service.mark_seen(me)
    return render_template("footprints.html", page=page)
