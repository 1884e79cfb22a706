"""Friend pages: parse input, call the service, render or redirect."""
from __future__ import annotations

from flask import render_template, request, url_for
from werkzeug.wrappers import Response

from keitai.auth import member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.friends import bp, queries, service
from keitai.features.social import (
    me_id,
    notice,
    per_page,
    redirect_with_notice,
    take_notice,
    visible_member,
)
from keitai.pagination import fetch_page, page_number

TITLE = "マイミク"


@bp.get("/friends")
@member_required
def index() -> str:
    """List my friends, newest first, a page at a time."""
    me = me_id()
    page = fetch_page(queries.friends_of(me), page_number(request.args.get("page")),
                      per_page())
    return render_template("friends.html", page=page, count=queries.friend_count(me),
                           requests=queries.request_count(me), notice=take_notice())


@bp.get("/friends/requests")
@member_required
def requests() -> str:
    """List the requests waiting for my answer, and the ones I sent."""
    me = me_id()
    incoming = fetch_page(queries.incoming_requests(me), page_number(request.args.get("page")),
                          per_page())
    outgoing = queries.first_outgoing_requests(me, per_page())
    return render_template("friend_requests.html", incoming=incoming, outgoing=outgoing,
                           notice=take_notice())


@bp.post("/friends/requests/<int:request_id>")
@member_required
def answer(request_id: int) -> Response | str:
    """Accept or decline one request."""
    target = url_for("friends.requests")
    if "accept" not in request.form:
        service.decline_request(request_id, me_id())
        return redirect_with_notice(target, "マイミク申請をお断りしました。")
    try:
        service.accept_request(request_id, me_id())
    except DomainError as refused:
        return redirect_with_notice(target, refusal(refused))
    return redirect_with_notice(target, "マイミクになりました。")


@bp.post("/friends/requests/<int:request_id>/cancel")
@member_required
def cancel(request_id: int) -> Response:
    """Withdraw a request I sent."""
    service.cancel_request(request_id, me_id())
    return redirect_with_notice(url_for("friends.requests"), "マイミク申請を取り消しました。")


@bp.route("/members/<int:member_id>/request", methods=["GET", "POST"])
@member_required
def request_form(member_id: int) -> Response | str:
    """Ask a member to become my friend, with a message and "do you know this person?"."""
    me = me_id()
    other = visible_member(member_id, me)
    message = request.form.get("message", "")
    if request.method == "GET":
        return render_template("friend_request.html", other=other, message="", error=None)
    knows = request.form.get("knows") == "1"
    try:
        service.send_request(me, other.id, message, knows)
    except DomainError as refused:
        return render_template("friend_request.html", other=other, message=message,
                               error=refusal(refused))
    return notice(TITLE, f"{other.nickname}さんにマイミク申請を送りました。")


@bp.route("/friends/<int:friend_id>/remove", methods=["GET", "POST"])
@member_required
def remove(friend_id: int) -> Response | str:
    """Confirm, then end a friendship."""
    me = me_id()
    other = visible_member(friend_id, me)
    if request.method == "GET":
        return render_template("friend_remove.html", other=other)
    service.remove_friend(me, other.id)
    return redirect_with_notice(url_for("friends.index"),
                                f"{other.nickname}さんをマイミクから外しました。")
