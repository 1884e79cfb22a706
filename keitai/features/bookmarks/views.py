"""Bookmark pages: the list, add, remove."""
from __future__ import annotations

from flask import render_template, request, url_for
from werkzeug.wrappers import Response

from keitai.auth import member_required
from keitai.features.bookmarks import bp, queries, service
from keitai.features.social import (
    me_id,
    per_page,
    redirect_with_notice,
    take_notice,
    visible_member,
)
from keitai.pagination import fetch_page, page_number


@bp.get("/bookmarks")
@member_required
def index() -> str:
    """List my bookmarks."""
    page = fetch_page(queries.bookmarked_members(me_id()),
                      page_number(request.args.get("page")), per_page())
    return render_template("bookmarks.html", page=page, notice=take_notice())


@bp.post("/members/<int:member_id>/bookmark")
@member_required
def add(member_id: int) -> Response:
    """Bookmark a member."""
    me = me_id()
    other = visible_member(member_id, me)
    service.add(me, other.id)
    return redirect_with_notice(url_for("profile.show", member_id=other.id),
                                "お気に入りに追加しました。")


@bp.post("/members/<int:member_id>/bookmark/delete")
@member_required
def remove(member_id: int) -> Response:
    """Remove a bookmark."""
    service.remove(me_id(), member_id)
    return redirect_with_notice(url_for("bookmarks.index"), "お気に入りから外しました。")
