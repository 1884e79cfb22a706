"""Bookmark pages: the list, add, remove. Adding twice leaves one row (primary key)."""
from __future__ import annotations

from flask import render_template, request, url_for
from sqlalchemy import Select, delete, select
from werkzeug.wrappers import Response

from keitai.auth import member_required
from keitai.db import db
from keitai.features.bookmarks import bp
from keitai.features.social import (
    me_id,
    per_page,
    redirect_with_notice,
    take_notice,
    visible_member,
)
from keitai.models.base import utcnow
from keitai.models.bookmark import Bookmark
from keitai.models.member import Member
from keitai.pagination import fetch_page, page_number
from keitai.privacy import not_blocked
from keitai.upsert import insert_ignore


def bookmarked_members(member_id: int) -> Select:  # type: ignore[type-arg]
    """Return the members I bookmarked (id, nickname), newest first, none a block hides."""
    return (select(Member.id, Member.nickname)
            .join(Bookmark, Bookmark.target_id == Member.id)
            .where(Bookmark.member_id == member_id, not_blocked(Member.id, member_id))
            .order_by(Bookmark.created_at.desc(), Member.id.desc()))


@bp.get("/bookmarks")
@member_required
def index() -> str:
    """List my bookmarks."""
    page = fetch_page(bookmarked_members(me_id()), page_number(request.args.get("page")),
                      per_page())
    return render_template("bookmarks.html", page=page, notice=take_notice())


@bp.post("/members/<int:member_id>/bookmark")
@member_required
def add(member_id: int) -> Response:
    """Bookmark a member."""
    me = me_id()
    other = visible_member(member_id, me)
    if other.id != me:
        insert_ignore(Bookmark, {"member_id": me, "target_id": other.id,
                                 "created_at": utcnow()})
        db.session.commit()
    return redirect_with_notice(url_for("profile.show", member_id=other.id),
                                "お気に入りに追加しました。")


@bp.post("/members/<int:member_id>/bookmark/delete")
@member_required
def remove(member_id: int) -> Response:
    """Remove a bookmark."""
    db.session.execute(delete(Bookmark).where(Bookmark.member_id == me_id(),
                                              Bookmark.target_id == member_id))
    db.session.commit()
    return redirect_with_notice(url_for("bookmarks.index"), "お気に入りから外しました。")
