"""Community pages: my communities, a category, the form to create one, a community's top,
joining and leaving, its members, and a member's communities."""
from __future__ import annotations

from flask import render_template, request, url_for
from werkzeug.exceptions import NotFound as HttpNotFound
from werkzeug.wrappers import Response

from keitai import hot, submit_keys
from keitai.auth import member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.communities import bp, categories, queries, service
from keitai.features.communities.access import (
    ADMINS,
    ALL,
    APPROVAL,
    MEMBERS,
    OPEN,
    community_access,
)
from keitai.features.social import (
    me_id,
    per_page,
    redirect_with_notice,
    small_page,
    take_notice,
    visible_member,
)
from keitai.keyset import Cursor
from keitai.pagination import PAGE_PARAM, page_number

#: what the top page shows of each list, on a small handset and on the others (as home)
SHORT_TOP, LONG_TOP = hot.FEED_SIZES
#: new communities on /communities
NEW_SHOWN = 3
#: the choices of the create form: (value, label)
JOIN_POLICIES = ((OPEN, "誰でも参加できる"), (APPROVAL, "管理人の承認が必要"))
TOPIC_VISIBILITIES = ((ALL, "ログインしている全員"), (MEMBERS, "参加者だけ"))
POST_POLICIES = ((MEMBERS, "参加者全員"), (ADMINS, "管理人と副管理人だけ"))


@bp.get("/communities")
@member_required
def index() -> str:
    """List my communities (latest activity first), the categories and new communities."""
    me = me_id()
    page = queries.member_communities(me, me, page_number(request.args.get(PAGE_PARAM)),
                                      per_page())
    return render_template("communities.html", page=page, categories=categories.CATEGORIES,
                           newest=queries.new_communities(NEW_SHOWN), notice=take_notice())


@bp.get("/communities/category/<slug>")
@member_required
def category(slug: str) -> str:
    """List a category's communities, most members first."""
    found = categories.BY_SLUG.get(slug)
    if found is None:
        raise HttpNotFound("カテゴリが見つかりません。")
    page = queries.category_slice(slug, Cursor.from_args(request.args), per_page())
    return render_template("community_category.html", category=found, page=page)


def _render_form(form: dict[str, str], message: str | None) -> str:
    return render_template(
        "community_form.html", form=form, message=message, categories=categories.CATEGORIES,
        join_policies=JOIN_POLICIES, topic_visibilities=TOPIC_VISIBILITIES,
        post_policies=POST_POLICIES, name_max=service.NAME_MAX)


@bp.route("/communities/new", methods=["GET", "POST"])
@member_required
def new() -> str | Response:
    """Create a community; its creator becomes its admin."""
    fields = ("name", "category", "description", "join_policy", "topic_visibility",
              "post_policy")
    form = {name: request.form.get(name, "") for name in fields}
    form["key"] = submit_keys.sent_key(request.form.get(submit_keys.FIELD))
    if request.method == "GET":
        return _render_form(form, None)
    try:
        community_id = service.create_community(
            me_id(), form["name"], form["category"], form["description"], form["join_policy"],
            form["topic_visibility"], form["post_policy"], form["key"])
    except DomainError as refused:
        return _render_form(form, refusal(refused))
    return redirect_with_notice(url_for("communities.show", community_id=community_id),
                                "コミュニティを作成しました。")


@bp.get("/communities/<int:community_id>")
@member_required
def show(community_id: int) -> str:
    """Show a community's top: what it is, its latest topics, events and polls."""
    me = me_id()
    access = community_access(community_id, me)
    size = SHORT_TOP if small_page() else LONG_TOP
    reads = access.reads_topics
    return render_template(
        "community_show.html", access=access, community=access.community,
        category_label=categories.label_of(access.community.category),
        managers=queries.managers(community_id),
        topics=queries.topics_slice(community_id, me, Cursor(), size) if reads else None,
        events=queries.upcoming_events(community_id, me, size) if reads else [],
        polls=queries.open_polls(community_id, me, size) if reads else [],
        notice=take_notice())


@bp.route("/communities/<int:community_id>/join", methods=["GET", "POST"])
@member_required
def join(community_id: int) -> str | Response:
    """Ask, then join the community (or ask its admins to let me in)."""
    me = me_id()
    access = community_access(community_id, me)
    message = request.form.get("message", "")
    if request.method == "POST" and not access.is_member:
        try:
            done = service.join(access, me, message)
        except DomainError as refused:
            return render_template("community_join.html", access=access,
                                   community=access.community, message=message,
                                   error=refusal(refused))
        text = ("参加申請を送りました。管理人の承認をお待ちください。" if done == "requested"
                else "コミュニティに参加しました。")
        return redirect_with_notice(url_for("communities.show", community_id=community_id),
                                    text)
    if access.is_member:
        return redirect_with_notice(url_for("communities.show", community_id=community_id),
                                    "すでに参加しています。")
    return render_template("community_join.html", access=access, community=access.community,
                           message=message, error=None)


@bp.post("/communities/<int:community_id>/join/cancel")
@member_required
def cancel_request(community_id: int) -> Response:
    """Take back my request to join."""
    service.cancel_request(community_access(community_id, me_id()).community.id, me_id())
    return redirect_with_notice(url_for("communities.show", community_id=community_id),
                                "参加申請を取り消しました。")


@bp.route("/communities/<int:community_id>/leave", methods=["GET", "POST"])
@member_required
def leave(community_id: int) -> str | Response:
    """Ask, then leave the community."""
    me = me_id()
    access = community_access(community_id, me)
    error = None
    if request.method == "POST":
        try:
            left = service.leave(access, me)
        except DomainError as refused:
            error = refusal(refused)
        else:
            return redirect_with_notice(
                url_for("communities.show", community_id=community_id),
                "コミュニティを退会しました。" if left else "このコミュニティに参加していません。")
    return render_template("community_leave.html", access=access, community=access.community,
                           error=error)


@bp.get("/communities/<int:community_id>/members")
@member_required
def members(community_id: int) -> str:
    """List a community's members, newest first, admins marked."""
    me = me_id()
    access = community_access(community_id, me)
    page = queries.members_slice(community_id, me, Cursor.from_args(request.args), per_page())
    return render_template("community_members.html", access=access,
                           community=access.community, page=page)


@bp.get("/members/<int:member_id>/communities")
@member_required
def member_communities(member_id: int) -> str:
    """List a member's communities."""
    me = me_id()
    owner = visible_member(member_id, me)
    page = queries.member_communities(owner.id, me, page_number(request.args.get(PAGE_PARAM)),
                                      per_page())
    return render_template("member_communities.html", owner=owner, page=page)
