"""Pages of the reports feature: the report form and its thank-you page."""
from __future__ import annotations

from flask import render_template, request, url_for
from markupsafe import Markup
from werkzeug.exceptions import NotFound

from keitai.auth import current_member, member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.reports import bp, service
from keitai.features.social import me_id
from keitai.models.report import REPORT_TEXT_MAX
from keitai.moderation import items
from keitai.moderation.hidden import placeholder

#: how much of an item's title the form repeats
TITLE_SHOWN = 20


def _shown_title(item: items.Item) -> str:
    """Return the item's title as the reporter sees it, short."""
    title = placeholder("title") if item.hidden else item.title
    return title if len(title) <= TITLE_SHOWN else title[:TITLE_SHOWN] + "…"


def _form(item: items.Item, reason: str, text: str, message: str | None,
          done: bool = False) -> str:
    return render_template("report_form.html", item=item, title=_shown_title(item),
                           reasons=service.REASONS, reason=reason, text=text,
                           message=message, done=done, text_max=REPORT_TEXT_MAX)


@bp.route("/report/<kind>/<int:item_id>", methods=["GET", "POST"])
@member_required
def report(kind: str, item_id: int) -> str:
    """Ask why the member reports an item, then store the report and thank them."""
    if kind not in items.KINDS:
        raise NotFound()
    me = me_id()
    item = service.reportable(me, kind, item_id)
    if request.method == "GET":
        done = service.already_reported(me, kind, item_id)
        return _form(item, "", "", service.AlreadyReported.default_message if done else None,
                     done)
    reason = request.form.get("reason", "")
    text = request.form.get("text", "")
    try:
        service.report(me, kind, item_id, reason, text)
    except service.AlreadyReported as refused:
        return _form(item, reason, text, refusal(refused), done=True)
    except DomainError as refused:
        return _form(item, reason, text, refusal(refused))
    return render_template("report_done.html", item=item)


@bp.app_template_global()
def report_link(kind: str, item_id: int, author_id: int | None) -> Markup:
    """Return the short 通報 link of an item for the logged-in member, nothing on their own."""
    member = current_member()
    if member is None or member.id == author_id:
        return Markup("")
    url = url_for("reports.report", kind=kind, item_id=item_id)
    return Markup(' <a href="{}">通報</a>').format(url)
