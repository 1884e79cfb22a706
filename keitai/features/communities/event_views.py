"""Event pages: the form, the event with its participants and comments, join and cancel.

Dates are typed on a keypad: five short number fields (年 月 日 時 分), each opening in
numeric mode, read as Japan time and stored in UTC. A handset's browser needs nothing
more than text fields for that, and each field takes two or four key presses; the year
comes filled in. The poll form uses the same fields (keitai.features.communities.dates).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai import submit_keys
from keitai.auth import member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.communities import bp, events, topic_views, topics
from keitai.features.communities.access import community_access
from keitai.features.communities.dates import DateFields, event_time
from keitai.features.social import me_id, per_page, redirect_with_notice, take_notice
from keitai.numbers import parse_number
from keitai.pagination import PAGE_PARAM, page_number

#: participants named on the event page (the rest are on the participants list)
PARTICIPANTS_SHOWN = 5
@dataclass
class EventForm:
    """What the member typed in the event form."""

    title: str = ""
    place: str = ""
    capacity: str = ""
    description: str = ""
    starts: DateFields = field(default_factory=lambda: DateFields.of("starts", None))
    deadline: DateFields = field(default_factory=lambda: DateFields.of("deadline", None))
    key: str = field(default_factory=submit_keys.new_key)

    @classmethod
    def from_request(cls) -> EventForm:
        """Read the form a POST sent."""
        form = request.form
        return cls(form.get("title", ""), form.get("place", ""),
                   form.get("capacity", "").strip(), form.get("description", ""),
                   DateFields.from_form("starts", form), DateFields.from_form("deadline", form),
                   submit_keys.sent_key(form.get(submit_keys.FIELD)))

    def schedule(self) -> tuple[datetime, datetime | None, int | None]:
        """Return the start, the deadline and the capacity typed; DomainError when one is
        not a date or a number."""
        starts_at = self.starts.parse("開催日時")
        deadline = None if self.deadline.blank() else self.deadline.parse("締め切り", True)
        if not self.capacity:
            return starts_at, deadline, None
        capacity = parse_number(self.capacity, events.CAPACITY_MAX)
        if capacity is None:
            raise DomainError(
                f"定員は1から{events.CAPACITY_MAX}までの数字で入力してください(なしは空欄)。")
        return starts_at, deadline, capacity


def _render_form(community_id: int, community_name: str, form: EventForm,
                 message: str | None) -> str:
    return render_template("event_form.html", community_id=community_id,
                           community_name=community_name, form=form, message=message,
                           title_max=topics.TITLE_MAX, place_max=events.PLACE_MAX,
                           capacity_max=events.CAPACITY_MAX)


@bp.route("/communities/<int:community_id>/events/new", methods=["GET", "POST"])
@member_required
def new_event(community_id: int) -> str | Response:
    """Create an event in a community where the member may."""
    me = me_id()
    access = community_access(community_id, me)
    access.require_creator()
    if request.method == "GET":
        return _render_form(community_id, access.community.name, EventForm(), None)
    form = EventForm.from_request()
    try:
        starts_at, deadline, capacity = form.schedule()
        event_id = events.create_event(access, me, form.title, form.description, starts_at,
                                       form.place, deadline, capacity, form.key)
    except DomainError as refused:
        return _render_form(community_id, access.community.name, form, refusal(refused))
    return redirect(url_for("communities.event", event_id=event_id))


def render_event(event_id: int, body: str = "", key: str | None = None,
                 message: str | None = None, refused: str | None = None) -> str:
    """Render an event with its first participants, a page of its comments and the comment
    form; body, key and message are the comment form's (as topic_views.comment_context
    takes them), refused a join or cancel that was refused."""
    me = me_id()
    shown = events.readable_event(event_id, me)
    first = events.participants(event_id, me, 1, PARTICIPANTS_SHOWN)
    context = topic_views.comment_context(shown.topic, shown.access, me, body, key, message)
    return render_template("event_show.html", **{
        **context, "shown": shown, "event": shown.event, "first_participants": first,
        "may_delete": shown.topic.author_id == me or shown.access.manages,
        "event_message": refused, "event_notice": take_notice(), "when": event_time,
    })


@bp.get("/events/<int:event_id>")
@member_required
def event(event_id: int) -> str:
    """Show an event the member may read."""
    return render_event(event_id)


def _confirm(event_id: int, action: str) -> str:
    shown = events.readable_event(event_id, me_id())
    return render_template("event_confirm.html", shown=shown, event=shown.event,
                           action=action, when=event_time)


@bp.route("/events/<int:event_id>/join", methods=["GET", "POST"])
@member_required
def join_event(event_id: int) -> str | Response:
    """Ask, then take part in an event."""
    if request.method == "GET":
        return _confirm(event_id, "join")
    try:
        joined = events.join_event(event_id, me_id())
    except DomainError as refused:
        return render_event(event_id, refused=refusal(refused))
    return redirect_with_notice(url_for("communities.event", event_id=event_id),
                                "イベントに参加しました。" if joined else "すでに参加しています。")


@bp.route("/events/<int:event_id>/cancel", methods=["GET", "POST"])
@member_required
def cancel_event(event_id: int) -> str | Response:
    """Ask, then stop taking part in an event."""
    if request.method == "GET":
        return _confirm(event_id, "cancel")
    try:
        cancelled = events.cancel_participation(event_id, me_id())
    except DomainError as refused:
        return render_event(event_id, refused=refusal(refused))
    return redirect_with_notice(
        url_for("communities.event", event_id=event_id),
        "参加を取り消しました。" if cancelled else "このイベントには参加していません。")


@bp.get("/events/<int:event_id>/participants")
@member_required
def event_participants(event_id: int) -> str:
    """List an event's participants, first to join first."""
    me = me_id()
    shown = events.readable_event(event_id, me)
    page = events.participants(event_id, me, page_number(request.args.get(PAGE_PARAM)),
                               per_page())
    return render_template("event_participants.html", shown=shown, event=shown.event,
                           page=page)
