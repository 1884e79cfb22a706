"""Topic pages: a community's topics, the form for a new one, a topic with its numbered
comments, and deleting a comment or a topic."""
from __future__ import annotations

from typing import Any

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai import submit_keys
from keitai.auth import member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.communities import bp, queries, topic_photos, topics
from keitai.features.communities.access import Access, community_access
from keitai.features.social import (
    me_id,
    per_page,
    redirect_with_notice,
    take_notice,
)
from keitai.gateway.sessions import TOKEN_NAME
from keitai.keyset import Cursor
from keitai.models.community import Topic
from keitai.numbers import parse_number

#: the page parameter's value that asks for the latest comments
LAST = "last"


def _endpoint(topic: Topic) -> str:
    return "communities.event" if topic.kind == "event" else "communities.topic"


def _args(topic: Topic) -> dict[str, Any]:
    return {"event_id": topic.id} if topic.kind == "event" else {"topic_id": topic.id}


def comment_context(topic: Topic, access: Access, me: int, body: str = "",
                    key: str | None = None, message: str | None = None) -> dict[str, Any]:
    """Return what _topic_comments.html needs: one page of numbered comments (?page=N, or
    ?page=last for the latest), the pager and the comment form.

    A page is a range of numbers (1-20, 21-40, ...), read on the (topic, number) index: the
    last page of 10,000 comments costs what the first does.
    """
    size = per_page()  # comments, as many as a list's rows
    pages = max((topic.comment_count + size - 1) // size, 1)
    asked = request.args.get("page")
    number = pages if asked == LAST else min(max(parse_number(asked) or 1, 1), pages)
    first = (number - 1) * size + 1
    return {
        "comment_topic": topic, "comment_rows": queries.comments(topic.id, me, first,
                                                                 first + size - 1),
        "comment_page": number, "comment_pages": pages, "comment_first": first,
        "comment_endpoint": _endpoint(topic), "comment_args": _args(topic),
        "comment_may_write": access.is_member, "comment_manages": access.manages,
        "comment_body": body, "comment_key": key or submit_keys.new_key(),
        "comment_message": message, "comment_me": me,
    }


@bp.get("/communities/<int:community_id>/topics")
@member_required
def topic_list(community_id: int) -> str:
    """List a community's topics and events, latest comment first."""
    me = me_id()
    access = community_access(community_id, me)
    access.require_reader()
    page = queries.topics_slice(community_id, me, Cursor.from_args(request.args), per_page())
    return render_template("community_topics.html", access=access,
                           community=access.community, page=page)


def _render_form(access: Access, title: str, body: str, key: str,
                 message: str | None) -> str:
    return render_template("topic_form.html", community=access.community, title=title,
                           body=body, key=key, message=message, title_max=topics.TITLE_MAX)


@bp.route("/communities/<int:community_id>/topics/new", methods=["GET", "POST"])
@member_required
def new_topic(community_id: int) -> str | Response:
    """Create a topic."""
    me = me_id()
    access = community_access(community_id, me)
    access.require_creator()
    title, body = request.form.get("title", ""), request.form.get("body", "")
    key = submit_keys.sent_key(request.form.get(submit_keys.FIELD))
    if request.method == "GET":
        return _render_form(access, title, body, key, None)
    try:
        topic_id = topics.create_topic(access, me, title, body, key)
    except DomainError as refused:
        return _render_form(access, title, body, key, refusal(refused))
    return redirect_with_notice(url_for("communities.topic", topic_id=topic_id),
                                "トピックを作成しました。")


def render_topic(topic_id: int, body: str = "", key: str | None = None,
                 message: str | None = None,
                 found: tuple[Topic, str, str, Access] | None = None) -> str:
    """Render a topic (found already, or read now) with a page of its comments and the
    comment form."""
    me = me_id()
    topic, author_nickname, community_name, access = (
        found or topics.readable_topic(topic_id, me))
    return render_template(
        "topic_show.html", topic=topic, author_nickname=author_nickname,
        community_name=community_name, access=access,
        may_delete=topic.author_id == me or access.manages, notice=take_notice(),
        photo=topic_photos.photo_for(topic.id, me),
        **comment_context(topic, access, me, body, key, message))


@bp.get("/topics/<int:topic_id>")
@member_required
def topic(topic_id: int) -> str | Response:
    """Show a topic with its numbered comments (an event's page for an event)."""
    found = topics.readable_topic(topic_id, me_id())
    if found[0].kind == "event":
        # the page and order stay; the gateway adds the session and guid to the new address
        kept: dict[str, Any] = {name: value for name, value in request.args.items()
                                if name not in (TOKEN_NAME, "guid")}
        return redirect(url_for("communities.event", event_id=topic_id, **kept))
    return render_topic(topic_id, found=found)


@bp.post("/topics/<int:topic_id>/comments")
@member_required
def add_comment(topic_id: int) -> str | Response:
    """Write a comment on a topic or an event of a community I belong to."""
    body = request.form.get("body", "")
    key = submit_keys.sent_key(request.form.get(submit_keys.FIELD))
    found = topics.readable_topic(topic_id, me_id())
    endpoint, args = _endpoint(found[0]), _args(found[0])  # before a refusal rolls back
    try:
        topics.comment_on(found, me_id(), body, key)
    except DomainError as refused:
        message = refusal(refused)
        if endpoint == "communities.event":
            from keitai.features.communities import event_views
            page: str = event_views.render_event(topic_id, body=body, key=key, message=message)
            return page
        return render_topic(topic_id, body, key, message)
    return redirect(url_for(endpoint, page=LAST, **args))


@bp.route("/topics/<int:topic_id>/comments/<int:number>/delete", methods=["GET", "POST"])
@member_required
def delete_comment(topic_id: int, number: int) -> str | Response:
    """Ask, then delete a comment (mine, or any as a manager); its number stays."""
    me = me_id()
    topic, _author, _community, access = topics.readable_topic(topic_id, me)
    if request.method == "POST":
        topics.delete_comment(topic_id, number, me)
        return redirect_with_notice(url_for(_endpoint(topic), **_args(topic)),
                                    "コメントを削除しました。")
    found = queries.comment(topic_id, number)
    if found is None or found.deleted or (found.author_id != me and not access.manages):
        raise topics.NotYours() if found is not None and not found.deleted \
            else topics.TopicNotFound("コメントが見つかりません。")
    return render_template("topic_comment_delete.html", topic=topic, number=number,
                           comment=found)


@bp.route("/topics/<int:topic_id>/delete", methods=["GET", "POST"])
@member_required
def delete_topic(topic_id: int) -> str | Response:
    """Ask, then delete a topic and its comments (mine, or any as a manager)."""
    me = me_id()
    topic, _author, _community, access = topics.readable_topic(topic_id, me)
    if topic.author_id != me and not access.manages:
        raise topics.NotYours()
    if request.method == "POST":
        community_id = topics.delete_topic(topic_id, me)
        return redirect_with_notice(url_for("communities.show", community_id=community_id),
                                    "イベントを削除しました。" if topic.kind == "event"
                                    else "トピックを削除しました。")
    return render_template("topic_delete.html", topic=topic)
