"""Helpers the social pages share: who is looking, list lengths, notices, refusals."""
from __future__ import annotations

from flask import g, redirect, render_template
from sqlalchemy import select
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from keitai.auth import logged_in_member
from keitai.db import db
from keitai.models.member import Member
from keitai.privacy import not_blocked

#: a list page's rows on a handset whose page limit is at most SMALL_PAGE_BYTES, and elsewhere
SHORT_LIST, LONG_LIST = 10, 20
SMALL_PAGE_BYTES = 12 * 1024


class MemberNotShown(NotFound):
    """A member who does not exist, or one a block stands between."""

    description = "このメンバーのページは表示できません。"


def me_id() -> int:
    """Return the id of the logged-in member (the view is member_required)."""
    return logged_in_member().id


def small_page() -> bool:
    """Return True when this handset's pages hold at most SMALL_PAGE_BYTES (shorter lists,
    photos as links)."""
    limit = g.handset.page_limit_bytes
    return limit is not None and limit <= SMALL_PAGE_BYTES


def per_page() -> int:
    """Return how many rows a list page shows on this handset."""
    return SHORT_LIST if small_page() else LONG_LIST


def visible_member(member_id: int, viewer_id: int) -> Member:
    """Return the member when no block stands between them and the viewer; else 404."""
    member = db.session.scalar(select(Member).where(
        Member.id == member_id, not_blocked(Member.id, viewer_id)))
    if member is None:
        raise MemberNotShown()
    return member


def notice(title: str, message: str) -> str:
    """Render a short page that tells the member what happened."""
    return render_template("notice.html", title=title, message=message)


def redirect_with_notice(location: str, message: str) -> Response:
    """Redirect after a write, leaving a line for the next page to show."""
    g.session.set("notice", message)
    return redirect(location)


def take_notice() -> str | None:
    """Return (and forget) the line a previous write left."""
    value = g.session.pop("notice")
    return str(value) if value else None
