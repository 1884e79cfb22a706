"""The footprints page."""
from __future__ import annotations

from flask import render_template, request

from keitai import premium, timefmt
from keitai.auth import logged_in_member, member_required
from keitai.features.footprints import bp, queries, service
from keitai.features.social import per_page
from keitai.pagination import fetch_page, page_number

timefmt.register(bp)


@bp.get("/footprints")
@member_required
def index() -> str:
    """List who visited my profile, newest first (more of them for a premium member), and
    mark them seen."""
    me = logged_in_member()
    is_premium = premium.is_active(me)
    kept = queries.PREMIUM_KEPT if is_premium else queries.KEPT
    page = fetch_page(queries.visitors(me.id, kept), page_number(request.args.get("page")),
                      per_page())
    service.mark_seen(me.id)
    return render_template("footprints.html", page=page, kept=kept, premium=is_premium,
                           premium_kept=queries.PREMIUM_KEPT)
