"""Endorsement pages: the list, the form, delete, hide."""
from __future__ import annotations

from flask import render_template, request, url_for
from werkzeug.wrappers import Response

from keitai.auth import member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.endorsements import bp, queries, service
from keitai.features.social import (
    me_id,
    per_page,
    redirect_with_notice,
    take_notice,
    visible_member,
)
from keitai.pagination import fetch_page, page_number
from keitai.privacy import are_friends


@bp.get("/members/<int:member_id>/endorsements")
@member_required
def index(member_id: int) -> str:
    """List the endorsements of a member, newest first."""
    me = me_id()
    subject = visible_member(member_id, me)
    page = fetch_page(queries.about(subject.id, me), page_number(request.args.get("page")),
                      per_page())
    can_write = subject.id != me and are_friends(me, subject.id)
    return render_template("endorsements.html", subject=subject, page=page, me=me,
                           can_write=can_write, notice=take_notice())


@bp.route("/members/<int:member_id>/endorsements/write", methods=["GET", "POST"])
@member_required
def write(member_id: int) -> Response | str:
    """Write (or rewrite) my endorsement of a friend."""
    me = me_id()
    subject = visible_member(member_id, me)
    mine = queries.mine_about(me, subject.id)
    relation = request.form.get("relation", mine.relation if mine else "")
    body = request.form.get("body", mine.body if mine else "")
    if request.method == "POST":
        try:
            service.write(me, subject.id, relation, body)
        except DomainError as refused:
            return render_template("endorsement_form.html", subject=subject, mine=mine,
                                   relation=relation, body=body, error=refusal(refused))
        return redirect_with_notice(url_for("endorsements.index", member_id=subject.id),
                                    "紹介文を書きました。")
    return render_template("endorsement_form.html", subject=subject, mine=mine,
                           relation=relation, body=body, error=None)


@bp.post("/members/<int:member_id>/endorsements/delete")
@member_required
def delete(member_id: int) -> Response:
    """Delete the endorsement I wrote of a member."""
    service.delete_own(me_id(), member_id)
    return redirect_with_notice(url_for("endorsements.index", member_id=member_id),
                                "紹介文を削除しました。")


@bp.post("/endorsements/<int:endorsement_id>/visibility")
@member_required
def visibility(endorsement_id: int) -> Response:
    """Hide an endorsement of me from my profile, or show it again."""
    me = me_id()
    hidden = "hide" in request.form
    service.set_hidden(endorsement_id, me, hidden)
    return redirect_with_notice(url_for("endorsements.index", member_id=me),
                                "紹介文を非表示にしました。" if hidden else "紹介文を表示します。")
