"""The console's lists: bans, announcements, the audit log."""
from __future__ import annotations

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai.db import db
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.admin import actions, bp
from keitai.features.admin.console import operator_required, say, the_operator
from keitai.features.admin.views import PAGE_ROWS, page_number
from keitai.models.member import Member
from keitai.moderation import audit


def _members(ids: set[int | None]) -> dict[int, Member]:
    """Return the members of these ids that still exist, by id (one query)."""
    from sqlalchemy import select

    wanted = {found for found in ids if found is not None}
    if not wanted:
        return {}
    return {row.id: row for row in db.session.scalars(select(Member).where(Member.id.in_(wanted)))}


@bp.get("/admin/bans")
@operator_required
def bans() -> str:
    """List the bans in force (or every ban with ?all=1)."""
    from keitai.moderation import bans as ban_service

    every = request.args.get("all") == "1"
    page = page_number()
    rows = ban_service.bans(active_only=not every, limit=PAGE_ROWS + 1,
                            offset=(page - 1) * PAGE_ROWS)
    people = _members({getattr(row, "member_id", None) for row in rows[:PAGE_ROWS]})
    return render_template("admin/bans.html", rows=rows[:PAGE_ROWS], every=every, page=page,
                           more=len(rows) > PAGE_ROWS, people=people, message=None)


@bp.post("/admin/bans/<int:ban_id>/lift")
@operator_required
def lift(ban_id: int) -> str | Response:
    """Lift one ban; back to the member's page when lifted from there."""
    member = request.form.get("member", "")
    back = (url_for("admin.member", member_id=int(member))
            if member.isdigit() and len(member) < 10 else url_for("admin.bans"))
    try:
        actions.lift_ban(the_operator(), ban_id, request.form.get("reason", ""))
    except DomainError as refused:
        say(refusal(refused))
        return redirect(back)
    say("アクセス禁止を解除しました。")
    return redirect(back)


def _announcements_page(message: str | None, title: str = "", body: str = "") -> str:
    from keitai.features.announcements import service

    return render_template("admin/announcements.html", rows=service.recent(PAGE_ROWS),
                           title=title, body=body, message=message)


@bp.get("/admin/announcements")
@operator_required
def announcements() -> str:
    """List the announcements, with the form to publish one."""
    return _announcements_page(None)


@bp.post("/admin/announcements")
@operator_required
def publish() -> str | Response:
    """Publish an announcement to every member."""
    title, body = request.form.get("title", ""), request.form.get("body", "")
    try:
        actions.publish(the_operator(), title, body, request.form.get("reason", ""))
    except DomainError as refused:
        return _announcements_page(refusal(refused), title, body)
    say("お知らせを公開しました。")
    return redirect(url_for("admin.announcements"))


@bp.post("/admin/announcements/<int:announcement_id>/retract")
@operator_required
def retract(announcement_id: int) -> str | Response:
    """Take an announcement back."""
    try:
        actions.retract(the_operator(), announcement_id, request.form.get("reason", ""))
    except DomainError as refused:
        return _announcements_page(refusal(refused))
    say("お知らせを取り下げました。")
    return redirect(url_for("admin.announcements"))


def _number(name: str) -> int | None:
    raw = request.args.get(name, "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 10 else None


@bp.get("/admin/audit")
@operator_required
def audit_log() -> str:
    """Show the audit log, newest first; filter by operator and by target."""
    page = page_number()
    operator_id, target_id = _number("operator"), _number("target")
    kind = request.args.get("kind", "").strip()[:20] or None
    rows = audit.entries(operator_id, kind, target_id, limit=PAGE_ROWS + 1,
                         offset=(page - 1) * PAGE_ROWS)
    people = _members({row.operator_id for row in rows[:PAGE_ROWS]})
    return render_template("admin/audit.html", rows=rows[:PAGE_ROWS], page=page,
                           more=len(rows) > PAGE_ROWS, people=people,
                           operator_id=operator_id, kind=kind or "", target_id=target_id)
