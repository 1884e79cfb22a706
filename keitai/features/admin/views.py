"""The console's front page (member search), the reports queue and an item's page."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from flask import redirect, render_template, request, url_for
from sqlalchemy import or_, select
from werkzeug.wrappers import Response

from keitai.db import db
from keitai.domain import DomainError, NotFound
from keitai.errors import refusal
from keitai.features.admin import actions, bp
from keitai.features.admin.console import operator_required, say, the_operator
from keitai.models.member import Member

if TYPE_CHECKING:
    from keitai.moderation.items import Item

#: rows a list page shows
PAGE_ROWS = 50


def page_number() -> int:
    """Return the ?page= of a list (1 and up)."""
    raw = request.args.get("page", "1")
    return max(1, int(raw)) if raw.isdigit() and len(raw) < 6 else 1


def search_members(query: str) -> list[Member]:
    """Find members by id, login or mobile address, or nickname (a part of it)."""
    query = query.strip()
    if not query:
        return []
    conditions = [Member.email == query.lower(), Member.mobile_email == query.lower(),
                  Member.nickname.contains(query, autoescape=True)]
    if query.isdigit() and len(query) < 10:
        conditions.append(Member.id == int(query))
    return list(db.session.scalars(select(Member).where(or_(*conditions))
                                   .order_by(Member.id).limit(PAGE_ROWS)))


@bp.get("/admin")
@operator_required
def front() -> str:
    """Show the console's menu and the member search."""
    query = request.args.get("q", "")
    return render_template("admin/front.html", query=query, found=search_members(query),
                           searched=bool(query.strip()))


@bp.get("/admin/reports")
@operator_required
def reports() -> str:
    """List reported items, newest first or most reported first."""
    from keitai.features.reports import service

    order = "most" if request.args.get("order") == "most" else "newest"
    page = page_number()
    rows = service.reported(order, limit=PAGE_ROWS + 1, offset=(page - 1) * PAGE_ROWS)
    return render_template("admin/reports.html", rows=rows[:PAGE_ROWS], order=order, page=page,
                           more=len(rows) > PAGE_ROWS)


def _item_or_404(kind: str, item_id: int) -> Item | None:
    """Return the item (None once deleted), or raise NotFound for a kind there is not."""
    from keitai.moderation import items

    if kind not in items.KINDS:
        raise NotFound()
    return items.load(kind, item_id)


def _item_page(kind: str, item_id: int, message: str | None) -> str:
    from keitai.features.reports import service

    found = _item_or_404(kind, item_id)
    author = db.session.get(Member, found.author_id) if found and found.author_id else None
    return render_template("admin/item.html", kind=kind, item_id=item_id, item=found,
                           author=author, reports=service.reports_for(kind, item_id),
                           reasons=dict(service.REASONS), message=message)


@bp.get("/admin/items/<kind>/<int:item_id>")
@operator_required
def item(kind: str, item_id: int) -> str:
    """Show an item in context: what it says, its reports, its author, the actions."""
    return _item_page(kind, item_id, None)


#: item action -> what it does (operator, kind, id, reason) and what the page then says
ITEM_ACTIONS: dict[str, tuple[Callable[..., object], str]] = {
    "hide": (actions.hide_item, "非表示にしました。"),
    "unhide": (actions.unhide_item, "表示に戻しました。"),
    "delete": (actions.delete_item, "削除しました。"),
    "close": (actions.close_reports, "通報を対応済みにしました。"),
}


@bp.post("/admin/items/<kind>/<int:item_id>/<action>")
@operator_required
def item_action(kind: str, item_id: int, action: str) -> str | Response:
    """Hide, show again, delete an item, or close its reports; each with a reason."""
    if action not in ITEM_ACTIONS:
        raise NotFound()
    _item_or_404(kind, item_id)
    run, done = ITEM_ACTIONS[action]
    try:
        if action == "delete" and request.form.get("confirm") != "1":
            raise DomainError("削除するときは「取り消せません」にチェックしてください。")
        run(the_operator(), kind, item_id, request.form.get("reason", ""))
    except DomainError as refused:
        return _item_page(kind, item_id, refusal(refused))
    say(done)
    return redirect(url_for("admin.item", kind=kind, item_id=item_id))
