"""A member as the operators see them, and what operators do to a member."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import redirect, render_template, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from keitai.db import db
from keitai.domain import DomainError, NotFound
from keitai.errors import refusal
from keitai.features.admin import actions, bp
from keitai.features.admin.console import operator_required, say, the_operator
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.moderation import audit


def member_facts(member: Member) -> dict[str, Any]:
    """Return what the member page shows: invitations, reports, bans, the log about them."""
    from keitai.features.reports.service import REASONS
    from keitai.features.signup import invitations
    from keitai.models.ban import Ban
    from keitai.models.report import Report

    joined = invitations.joined_with(member.id)
    inviter = db.session.get(Member, joined.inviter_id) if joined and joined.inviter_id else None
    reports = db.session.scalars(select(Report).where(Report.author_id == member.id)
                                 .order_by(Report.id.desc()).limit(50)).all()
    member_bans = db.session.scalars(select(Ban).where(Ban.member_id == member.id)
                                     .order_by(Ban.id.desc()).limit(50)).all()
    return {"joined": joined, "inviter": inviter, "sent": invitations.sent_by(member.id),
            "reports": reports, "reasons": dict(REASONS), "bans": member_bans, "now": utcnow(),
            "log": audit.entries(target_kind="member", target_id=member.id, limit=20)}


@bp.get("/admin/members/<int:member_id>")
@operator_required
def member(member_id: int) -> str:
    """Show a member's facts, what was reported of theirs, their bans and the actions."""
    return _page(member_id, None)


def _page(member_id: int, message: str | None) -> str:
    found = db.session.get(Member, member_id)
    if found is None:
        raise NotFound()
    return render_template("admin/member.html", member=found, message=message,
                           **member_facts(found))


def _warn(operator: Member, member_id: int, form: Any) -> str:
    actions.warn(operator, member_id, form.get("text", ""), form.get("reason", ""))
    return "注意を伝えました。"


def _suspend(operator: Member, member_id: int, form: Any) -> str:
    actions.suspend(operator, member_id, form.get("days", ""), form.get("reason", ""))
    return "利用停止にしました。"


def _unsuspend(operator: Member, member_id: int, form: Any) -> str:
    actions.unsuspend(operator, member_id, form.get("reason", ""))
    return "利用停止を解除しました。"


def _withdraw(operator: Member, member_id: int, form: Any) -> str:
    actions.withdraw(operator, member_id, form.get("reason", ""))
    return "退会させました。"


def _delete_everything(operator: Member, member_id: int, form: Any) -> str:
    count = actions.delete_everything(operator, member_id, form.get("reason", ""))
    return f"書いたものを{count}件削除しました。"


def _ban(operator: Member, member_id: int, form: Any) -> str:
    count = actions.ban(operator, member_id, form.get("days", ""), form.get("reason", ""))
    return f"端末とアドレスを{count}件アクセス禁止にしました。"


def _celebrity(operator: Member, member_id: int, form: Any) -> str:
    on = form.get("on") == "1"
    actions.set_celebrity(operator, member_id, on, form.get("reason", ""))
    return "有名人にしました。" if on else "有名人を外しました。"


def _operator(operator: Member, member_id: int, form: Any) -> str:
    on = form.get("on") == "1"
    actions.set_operator(operator, member_id, on, form.get("reason", ""))
    return "運営者にしました。" if on else "運営者の権限を外しました。"


#: member action -> what it does; the destructive ones also need the confirm box ticked
MEMBER_ACTIONS: dict[str, Callable[[Member, int, Any], str]] = {
    "warn": _warn, "suspend": _suspend, "unsuspend": _unsuspend, "withdraw": _withdraw,
    "delete_everything": _delete_everything, "ban": _ban, "celebrity": _celebrity,
    "operator": _operator,
}
CONFIRMED = frozenset({"withdraw", "delete_everything"})


@bp.post("/admin/members/<int:member_id>/<action>")
@operator_required
def member_action(member_id: int, action: str) -> str | Response:
    """Run one action on a member, with its reason; the audit log gets a row."""
    run = MEMBER_ACTIONS.get(action)
    if run is None:
        raise NotFound()
    try:
        if action in CONFIRMED and request.form.get("confirm") != "1":
            raise DomainError("取り消せない操作です。「取り消せません」にチェックしてください。")
        done = run(the_operator(), member_id, request.form)
    except DomainError as refused:
        if isinstance(refused, NotFound):
            raise
        return _page(member_id, refusal(refused))
    say(done)
    if action == "withdraw":
        return redirect(url_for("admin.front"))
    if action == "operator" and db.session.get(Member, the_operator().id) is not None \
            and not the_operator().is_admin:
        return redirect(url_for("admin.login_form"))
    return redirect(url_for("admin.member", member_id=member_id))
