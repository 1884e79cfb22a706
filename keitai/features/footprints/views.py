"""The footprints page."""
from __future__ import annotations

from flask import render_template, request

from keitai import timefmt
from keitai.auth import member_required
from keitai.db import db
from keitai.features.footprints import bp, queries
from keitai.features.social import me_id, per_page
from keitai.models.base import utcnow
from keitai.models.profile import Profile
from keitai.pagination import fetch_page, page_number
from keitai.upsert import dialect_insert

timefmt.register(bp)


@bp.get("/footprints")
@member_required
def index() -> str:
    """List who visited my profile, newest first, and mark them seen."""
    me = me_id()
    page = fetch_page(queries.visitors(me), page_number(request.args.get("page")), per_page())
    now = utcnow()
    db.session.execute(
        dialect_insert(Profile).values(member_id=me, introduction="",
                                       introduction_visibility="everyone",
                                       footprints_seen_at=now, updated_at=now)
        .on_conflict_do_update(index_elements=["member_id"], set_={"footprints_seen_at": now}))
    db.session.commit()
    return render_template("footprints.html", page=page)
