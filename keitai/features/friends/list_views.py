"""A member's friend list, the friends in common, and who sees my list.

Refusals: a block either way is the profile's 404 (MemberNotShown); a list the owner keeps
from the viewer is a 403 that says so (FriendListHidden), like the other pages a member may
not open.
"""
from __future__ import annotations

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai.auth import current_member, member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.friends import bp, list_privacy, queries, service
from keitai.features.social import me_id, per_page, redirect_with_notice, take_notice
from keitai.pagination import PAGE_PARAM, fetch_page, page_number

CHANGED = "マイミク一覧の公開範囲を変更しました。"


@bp.app_template_global()
def friend_list_shown(owner_id: int) -> bool:
    """Return True when the logged-in member may open the owner's friend list (for links)."""
    member = current_member()
    return member is not None and list_privacy.list_shown(owner_id, member.id)


@bp.get("/members/<int:member_id>/friends")
@member_required
def member_friends(member_id: int) -> str:
    """List a member's friends, newest first, as far as the member lets the viewer see."""
    me = me_id()
    owner = list_privacy.shown_owner(member_id, me)
    page = fetch_page(queries.friends_shown(owner.id, me),
                      page_number(request.args.get(PAGE_PARAM)), per_page())
    return render_template("member_friends.html", owner=owner, page=page, me=me,
                           count=queries.shown_friend_count(owner.id, me))


@bp.get("/members/<int:member_id>/common_friends")
@member_required
def common_friends(member_id: int) -> Response | str:
    """List every friend I share with a member (my own page: my friends)."""
    me = me_id()
    owner = list_privacy.shown_owner(member_id, me)
    if owner.id == me:
        return redirect(url_for("friends.index"))
    page = fetch_page(queries.common_friends(me, owner.id),
                      page_number(request.args.get(PAGE_PARAM)), per_page())
    return render_template("common_friends.html", owner=owner, page=page,
                           count=queries.common_friend_count(me, owner.id))


@bp.route("/settings/friend_list", methods=["GET", "POST"])
@member_required
def list_settings() -> Response | str:
    """Choose who sees my friend list: everyone, my friends, or nobody."""
    me = me_id()
    error = None
    if request.method == "POST":
        level = request.form.get("visibility", "")
        try:
            service.set_list_level(me, level)
        except DomainError as refused:
            error = refusal(refused)
        else:
            return redirect_with_notice(url_for("friends.list_settings"), CHANGED)
    else:
        level = list_privacy.own_level(me).value
    return render_template("friend_list_settings.html", level=level, me=me,
                           levels=list_privacy.LEVELS, error=error, notice=take_notice())
