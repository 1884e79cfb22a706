"""The console's ニュース page: the newest items with ピックアップ / 解除, and the feeds' state.

Picking and unpicking are operator actions like the others: each writes its audit row in the
same unit of work.
"""
from __future__ import annotations

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.admin import bp
from keitai.features.admin.actions import reason_of
from keitai.features.admin.console import operator_required, say, the_operator
from keitai.features.admin.views import PAGE_ROWS
from keitai.features.news import service
from keitai.features.news.categories import label_of
from keitai.models.member import Member
from keitai.moderation import audit


def pick_item(operator: Member, item_id: int, reason: str) -> None:
    """Make an item ピックアップ, with its audit row."""
    why = reason_of(reason, required=False)
    item = service.pick(item_id)
    audit.record(operator.id, "news.pick", "news", item_id, why, {"title": item.title[:100]})


def unpick_item(operator: Member, item_id: int, reason: str) -> None:
    """Take an item out of ピックアップ, with its audit row."""
    why = reason_of(reason, required=False)
    item = service.unpick(item_id)
    audit.record(operator.id, "news.unpick", "news", item_id, why,
                 {"title": item.title[:100]})


def _page(message: str | None) -> str:
    return render_template("admin/news.html", items=service.recent(PAGE_ROWS),
                           feeds=service.feeds(), label_of=label_of, message=message)


@bp.get("/admin/news")
@operator_required
def news() -> str:
    """List the newest items with their pick buttons, and the feeds with their state."""
    return _page(None)


@bp.post("/admin/news/<int:item_id>/<action>")
@operator_required
def news_pick(item_id: int, action: str) -> str | Response:
    """Pick or unpick one item."""
    actions = {"pick": (pick_item, "ピックアップにしました。"),
               "unpick": (unpick_item, "ピックアップを解除しました。")}
    if action not in actions:
        raise service.NewsItemNotFound()
    run, done = actions[action]
    try:
        run(the_operator(), item_id, request.form.get("reason", ""))
    except DomainError as refused:
        return _page(refusal(refused))
    say(done)
    return redirect(url_for("admin.news"))
