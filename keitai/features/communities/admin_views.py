"""The admins' pages of a community: join requests, its members and their roles, handing it
over, closing it, and the way to its topics' delete pages.

Every page is for the admin and sub-admins (anyone else gets ManagersOnly, 403); appointing
sub-admins, handing over and closing are the admin's alone (AdminOnly). Writes are POSTs;
removing a member, handing over and closing ask first on a page of their own. Deleting a
topic or a comment is the topic pages' (communities.delete_topic, .delete_comment), which
managers may use on any topic of their community: this page lists the topics to get there.
"""
from __future__ import annotations

from typing import Any

from flask import redirect, render_template, request, url_for
from werkzeug.exceptions import NotFound as HttpNotFound
from werkzeug.wrappers import Response

from keitai.auth import member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.communities import admin, bp, queries, service
from keitai.features.communities.access import Access, community_access
from keitai.features.social import me_id, per_page, redirect_with_notice, take_notice
from keitai.keyset import Cursor

#: join requests the admin page shows at once, oldest first (answering one shows the next)
REQUESTS_SHOWN = 5


class MemberNotInCommunity(HttpNotFound):
    """No such member in the community (or one a block hides from the viewer)."""

    description = "このメンバーはコミュニティに参加していません。"


def _managed(community_id: int) -> Access:
    """Return the viewer's access to a community they manage; ManagersOnly otherwise."""
    access = community_access(community_id, me_id())
    access.require_manager()
    return access


def _member(access: Access, member_id: int) -> Any:
    """Return a member of the community as the managing viewer may see them; 404 otherwise."""
    found = admin.membership(access.community.id, member_id, me_id())
    if found is None:
        raise MemberNotInCommunity()
    return found


def _render_admin(access: Access, error: str | None = None) -> str:
    rows = queries.join_requests(access.community.id, REQUESTS_SHOWN + 1)
    return render_template(
        "community_admin.html", access=access, community=access.community,
        requests=rows[:REQUESTS_SHOWN], more_requests=len(rows) > REQUESTS_SHOWN,
        managers=queries.managers(access.community.id), error=error, notice=take_notice())


@bp.get("/communities/<int:community_id>/admin", endpoint="admin")
@member_required
def admin_page(community_id: int) -> str:
    """Show the managers' page: requests to join, and the ways to manage the community."""
    return _render_admin(_managed(community_id))


@bp.post("/communities/<int:community_id>/admin/requests/<int:member_id>")
@member_required
def admin_answer(community_id: int, member_id: int) -> str | Response:
    """Approve (the "approve" button) or turn down (the "reject" button) a request to join."""
    access = _managed(community_id)
    approving = "approve" in request.form
    if not approving and "reject" not in request.form:  # no button named: do nothing
        return redirect(url_for("communities.admin", community_id=community_id))
    try:
        done = (service.approve if approving else service.reject)(access, member_id)
    except DomainError as refused:
        return _render_admin(access, refusal(refused))
    text = ("参加を承認しました。" if approving else "参加をお断りしました。") if done \
        else "この申請はもうありません。"
    return redirect_with_notice(url_for("communities.admin", community_id=community_id), text)


@bp.get("/communities/<int:community_id>/admin/members")
@member_required
def admin_members(community_id: int) -> str:
    """List the members, newest first, each a link to what the managers may do to them."""
    access = _managed(community_id)
    page = queries.members_slice(community_id, me_id(), Cursor.from_args(request.args),
                                 per_page())
    return render_template("community_admin_members.html", community=access.community,
                           page=page, roles=admin.ROLE_LABELS, notice=take_notice())


def _render_member(access: Access, member_id: int, error: str | None = None) -> str:
    found = _member(access, member_id)
    return render_template(
        "community_admin_member.html", community=access.community, member=found,
        role_label=admin.ROLE_LABELS[found.role], acts=admin.acts(access, found.role),
        mine=found.member_id == me_id(), error=error, notice=take_notice())


@bp.get("/communities/<int:community_id>/admin/members/<int:member_id>")
@member_required
def admin_member(community_id: int, member_id: int) -> str:
    """Show one member with what the viewer may do to them."""
    return _render_member(_managed(community_id), member_id)


@bp.route("/communities/<int:community_id>/admin/members/<int:member_id>/remove",
          methods=["GET", "POST"])
@member_required
def admin_remove(community_id: int, member_id: int) -> str | Response:
    """Ask, then take a member out of the community."""
    access = _managed(community_id)
    found = _member(access, member_id)
    error = None
    if request.method == "POST":
        try:
            service.remove_member(access, member_id)
        except DomainError as refused:
            error = refusal(refused)
        else:
            return redirect_with_notice(
                url_for("communities.admin_members", community_id=community_id),
                f"{found.nickname}さんをコミュニティから外しました。")
    return render_template("community_admin_remove.html", community=access.community,
                           member=found, error=error)


def _set_role(community_id: int, member_id: int, appoint: bool) -> str | Response:
    access = _managed(community_id)
    found = _member(access, member_id)
    try:
        done = (service.appoint_sub_admin if appoint else service.dismiss_sub_admin)(
            access, member_id)
    except DomainError as refused:
        return _render_member(access, member_id, refusal(refused))
    text = (f"{found.nickname}さんを副管理人にしました。" if appoint
            else f"{found.nickname}さんを副管理人から外しました。") if done \
        else "役割を変えられませんでした。ページを開き直してください。"
    return redirect_with_notice(url_for("communities.admin_member", community_id=community_id,
                                        member_id=member_id), text)


@bp.post("/communities/<int:community_id>/admin/members/<int:member_id>/appoint")
@member_required
def admin_appoint(community_id: int, member_id: int) -> str | Response:
    """Make a member a sub-admin (the admin's act)."""
    return _set_role(community_id, member_id, appoint=True)


@bp.post("/communities/<int:community_id>/admin/members/<int:member_id>/dismiss")
@member_required
def admin_dismiss(community_id: int, member_id: int) -> str | Response:
    """Make a sub-admin a plain member again (the admin's act)."""
    return _set_role(community_id, member_id, appoint=False)


@bp.route("/communities/<int:community_id>/admin/members/<int:member_id>/hand_over",
          methods=["GET", "POST"])
@member_required
def admin_hand_over(community_id: int, member_id: int) -> str | Response:
    """Ask, then make a member the admin (the admin's act); the old admin stays a member."""
    access = _managed(community_id)
    access.require_admin()
    found = _member(access, member_id)
    if request.method == "POST":
        done = service.hand_over(access, me_id(), member_id)
        text = f"管理人を{found.nickname}さんに引き継ぎました。" if done \
            else "管理人を引き継げませんでした。"
        return redirect_with_notice(url_for("communities.show", community_id=community_id),
                                    text)
    return render_template("community_admin_hand_over.html", community=access.community,
                           member=found, mine=found.member_id == me_id())


@bp.route("/communities/<int:community_id>/admin/close", methods=["GET", "POST"])
@member_required
def admin_close(community_id: int) -> str | Response:
    """Ask, then close the community: it is deleted with everything written in it."""
    access = _managed(community_id)
    access.require_admin()
    if request.method == "POST":
        name = access.community.name
        service.close(access)
        return redirect_with_notice(url_for("communities.index"),
                                    f"コミュニティ「{name}」を閉じました。")
    return render_template("community_admin_close.html", community=access.community)


@bp.get("/communities/<int:community_id>/admin/topics")
@member_required
def admin_topics(community_id: int) -> str:
    """List the topics and events, latest comment first, with the way to delete each."""
    access = _managed(community_id)
    page = queries.topics_slice(community_id, me_id(), Cursor.from_args(request.args),
                                per_page())
    return render_template("community_admin_topics.html", community=access.community,
                           page=page)
