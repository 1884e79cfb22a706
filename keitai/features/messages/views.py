"""Message pages: inbox, sent messages, one message, the form, deleting one's copy."""
from __future__ import annotations

from collections.abc import Callable

from flask import g, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai import submit_keys
from keitai.auth import logged_in_member, member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.diary.forms import body_fits
from keitai.features.messages import bp, queries, service
from keitai.features.social import per_page, take_notice
from keitai.numbers import parse_number
from keitai.pagination import PAGE_PARAM, fetch_page, page_number
from keitai.rows import AnySelect


def _box(statement_for: Callable[[int], AnySelect], title: str, endpoint: str,
         sent: bool) -> str:
    page = fetch_page(statement_for(logged_in_member().id),
                      page_number(request.args.get(PAGE_PARAM)), per_page())
    return render_template("messages_list.html", page=page, title=title, endpoint=endpoint,
                           sent=sent, notice=take_notice())


@bp.get("/messages")
@member_required
def inbox() -> str:
    """List the messages the member received, newest first."""
    return _box(queries.inbox, "受信箱", "messages.inbox", sent=False)


@bp.get("/messages/sent")
@member_required
def outbox() -> str:
    """List the messages the member sent, newest first."""
    return _box(queries.outbox, "送信箱", "messages.outbox", sent=True)


@bp.get("/messages/<int:message_id>")
@member_required
def show(message_id: int) -> str:
    """Show one of the member's messages; the recipient's first look marks it read."""
    me = logged_in_member()
    found = queries.readable(message_id, me.id)
    if found is None:
        raise service.MessageNotFound()
    message, sender_nickname, recipient_nickname = found
    service.mark_read(message, me.id)
    return render_template("message_show.html", message=message, received=(
        message.recipient_id == me.id), sender_nickname=sender_nickname,
        recipient_nickname=recipient_nickname)


@bp.route("/messages/new", methods=["GET", "POST"])
@member_required
def new() -> str | Response:
    """Write a message (or a reply, with re=<message id>) to a member."""
    me = logged_in_member()
    recipient = service.recipient_for(me.id, parse_number(request.values.get("to")))
    form = request.form
    subject, body = form.get("subject", ""), form.get("body", "")
    key = submit_keys.sent_key(form.get(submit_keys.FIELD))
    message = None
    if request.method == "POST":
        try:
            service.send(me.id, recipient.id, subject, body, key)
        except DomainError as refused:
            message = refusal(refused)
            # a form is never split across a handset's pages: shown again as typed if the
            # page can carry it, else without the body, and the subject cut to its limit
            body = body if body_fits(subject + body) else ""
            subject = subject if body_fits(subject) else subject[:service.SUBJECT_MAX]
        else:
            g.session.set("notice", f"{recipient.nickname}さんにミニメールを送りました。")
            return redirect(url_for("messages.outbox"))
    else:
        original = parse_number(request.args.get("re"))
        replied = queries.readable(original, me.id) if original else None
        if replied is not None and replied.Message.sender_id == recipient.id:
            subject = service.reply_subject(replied.Message.subject)
    return render_template("message_form.html", recipient=recipient, subject=subject,
                           body=body, key=key, message=message,
                           subject_max=service.SUBJECT_MAX, body_max=service.BODY_MAX)


@bp.route("/messages/<int:message_id>/delete", methods=["GET", "POST"])
@member_required
def delete(message_id: int) -> str | Response:
    """Ask, then delete the member's copy of a message."""
    me = logged_in_member()
    if request.method == "POST":
        if service.delete_copy(message_id, me.id):
            g.session.set("notice", "ミニメールを削除しました。")
        return redirect(url_for("messages.inbox"))
    found = queries.readable(message_id, me.id)
    if found is None:
        raise service.MessageNotFound()
    return render_template("message_delete.html", message=found.Message)
