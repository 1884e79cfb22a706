"""Diary comment pages: write a comment, ask before deleting one, delete it."""
from __future__ import annotations

from flask import g, redirect, render_template, request, url_for
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from keitai import submit_keys
from keitai.auth import current_member, member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.diary import bp, queries, service
from keitai.features.diary.views import render_diary


class CommentNotFound(NotFound):
    """No such comment, or not one the member may delete."""

    description = "コメントが見つからないか、削除できないコメントです。"


def _me_id() -> int:
    member = current_member()
    assert member is not None
    return member.id


@bp.post("/diary/<int:diary_id>/comments")
@member_required
def add_comment(diary_id: int) -> str | Response:
    """Write a comment on a diary the member can read."""
    body = request.form.get("body", "")
    key = submit_keys.sent_key(request.form.get(submit_keys.FIELD))
    try:
        service.add_comment(diary_id, _me_id(), body, key)
    except DomainError as refused:
        return render_diary(diary_id, comment=body, key=key, message=refusal(refused))
    return redirect(url_for("diary.show", diary_id=diary_id))


@bp.route("/diary/<int:diary_id>/comments/<int:comment_id>/delete", methods=["GET", "POST"])
@member_required
def delete_comment(diary_id: int, comment_id: int) -> str | Response:
    """Ask, then delete a comment the member wrote or one on the member's diary."""
    me = _me_id()
    if request.method == "POST":
        if service.delete_comment(diary_id, comment_id, me):
            g.session.set("notice", "コメントを削除しました。")
        elif queries.comment_exists(comment_id):
            raise CommentNotFound()
        return redirect(url_for("diary.show", diary_id=diary_id))
    found = queries.comment_for_delete(diary_id, comment_id, me)
    if found is None:
        raise CommentNotFound()
    comment, author_nickname = found
    return render_template("comment_delete.html", comment=comment,
                           author_nickname=author_nickname)
