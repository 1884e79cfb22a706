"""お知らせ pages: the list (announcements and the member's own notices), one announcement,
one notice. Opening one marks it read, as opening a message does: a read marker kept for the
member, not a change they ask for with a form."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import render_template, request, url_for

from keitai import timefmt
from keitai.auth import member_required
from keitai.features.announcements import bp, queries, service
from keitai.features.announcements.texts import headline
from keitai.features.social import me_id, per_page
from keitai.pagination import PAGE_PARAM, fetch_window, page_number

timefmt.register(bp)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the お知らせ list."""

    url: str
    text: str
    at: datetime
    read: bool
    #: an operator's warning to the member (shown in red)
    warning: bool


def _line(row: Any) -> Line:
    """Return how the list shows a row of queries.listing."""
    if row.kind == queries.ANNOUNCEMENT:
        return Line(url_for("announcements.show", announcement_id=row.id), row.text, row.at,
                    bool(row.read), False)
    return Line(url_for("announcements.mine", notice_id=row.id), headline(row.text), row.at,
                bool(row.read), bool(row.warning))


@bp.get("/notices")
@member_required
def index() -> str:
    """List the announcements and the member's notices, newest first, unread marked."""
    me = me_id()
    page = fetch_window(lambda limit, offset: queries.listing(me, limit, offset),
                        page_number(request.args.get(PAGE_PARAM)), per_page())
    return render_template("announcements.html", page=page,
                           lines=[_line(row) for row in page.rows],
                           unread=queries.unread_count(me))


@bp.get("/notices/<int:announcement_id>")
@member_required
def show(announcement_id: int) -> str:
    """Show an announcement; the member's first look marks it read."""
    announcement = service.shown(announcement_id)
    service.mark_read(me_id(), announcement.id)
    return render_template("announcement_show.html", announcement=announcement)


@bp.get("/notices/mine/<int:notice_id>")
@member_required
def mine(notice_id: int) -> str:
    """Show one of the member's notices; their first look marks it read."""
    notice = service.notice_for(me_id(), notice_id)
    service.mark_notice_read(notice)
    return render_template("member_notice_show.html", notice=notice)
