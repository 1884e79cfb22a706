"""Block pages: the list with unblock buttons, and blocking from a member's page."""
from __future__ import annotations

from flask import render_template, request, url_for
from werkzeug.wrappers import Response

from keitai.auth import member_required
from keitai.features.blocks import bp, queries, service
from keitai.features.social import (
    me_id,
    per_page,
    redirect_with_notice,
    take_notice,
    visible_member,
)
from keitai.numbers import parse_number
from keitai.pagination import fetch_page, page_number


@bp.get("/settings/blocks")
@member_required
def index() -> str:
    """List the members I blocked."""
    page = fetch_page(queries.blocked_members(me_id()), page_number(request.args.get("page")),
                      per_page())
    return render_template("blocks.html", page=page, notice=take_notice())


@bp.get("/members/<int:member_id>/block")
@member_required
def confirm(member_id: int) -> str:
    """Ask before blocking a member."""
    return render_template("block_confirm.html", other=visible_member(member_id, me_id()))


@bp.post("/settings/blocks")
@member_required
def add() -> Response:
    """Block the member the form names."""
    member_id = parse_number(request.form.get("member_id"))
    if member_id is not None and queries.member_exists(member_id):
        service.block(me_id(), member_id)
    return redirect_with_notice(url_for("blocks.index"), "ブロックしました。")


@bp.post("/settings/blocks/<int:member_id>/delete")
@member_required
def remove(member_id: int) -> Response:
    """Lift a block."""
    service.unblock(me_id(), member_id)
    return redirect_with_notice(url_for("blocks.index"), "ブロックを解除しました。")
