"""Poll pages: the form (more choice fields on request), the poll with its results, voting.

A handset form shows CHOICE_FIELDS choice fields; "選択肢を増やす" sends the form back to be
shown again with CHOICE_FIELDS more, up to CHOICES_MAX. Whatever was typed comes back in
its field, on a refusal too.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from keitai import submit_keys
from keitai.auth import member_required
from keitai.domain import DomainError
from keitai.errors import refusal
from keitai.features.communities import bp, polls
from keitai.features.communities.access import community_access
from keitai.features.communities.dates import DateFields, event_time
from keitai.features.social import me_id, redirect_with_notice, take_notice
from keitai.numbers import parse_number
from keitai.timefmt import JST

#: choice fields a new form shows, and how many more each "選択肢を増やす" adds
CHOICE_FIELDS = 5
#: choice fields read from a form at most (past CHOICES_MAX the service refuses them)
FIELDS_READ = 100
#: the submit that asks for more choice fields
MORE = "more"
#: the results setting as the form sends it
RESULTS_OPEN, RESULTS_HIDDEN = "open", "hidden"


def default_closing() -> datetime:
    """Return a week from today at 23:59 Japan time, in UTC (a new form's closing time)."""
    day = datetime.now(JST) + timedelta(days=7)
    return day.replace(hour=23, minute=59, second=0, microsecond=0).astimezone(UTC)


@dataclass
class PollForm:
    """What the member typed in the poll form."""

    question: str = ""
    choices: list[str] = field(default_factory=lambda: [""] * CHOICE_FIELDS)
    closes: DateFields = field(default_factory=lambda: DateFields.of("closes",
                                                                     default_closing()))
    results: str = RESULTS_OPEN
    key: str = field(default_factory=submit_keys.new_key)

    @classmethod
    def from_request(cls) -> PollForm:
        """Read the form a POST sent: every choiceN field, in the order of N."""
        form = request.form
        numbers = [parse_number(name[len("choice"):]) for name in form
                   if name.startswith("choice")]
        count = max((n for n in numbers if n is not None and n <= FIELDS_READ), default=0)
        return cls(form.get("question", ""),
                   [form.get(f"choice{n}", "") for n in range(1, count + 1)],
                   DateFields.from_form("closes", form),
                   RESULTS_HIDDEN if form.get("results") == RESULTS_HIDDEN else RESULTS_OPEN,
                   submit_keys.sent_key(form.get(submit_keys.FIELD)))

    def add_fields(self) -> str | None:
        """Add CHOICE_FIELDS empty choice fields, up to CHOICES_MAX; return a message when
        there is no room for more."""
        if len(self.choices) >= polls.CHOICES_MAX:
            return f"選択肢は{polls.CHOICES_MAX}個までです。"
        room = polls.CHOICES_MAX - len(self.choices)
        self.choices.extend([""] * min(CHOICE_FIELDS, room))
        return None

    @property
    def fields(self) -> list[str]:
        """Return the choice fields to show: what was typed, at least CHOICE_FIELDS."""
        return self.choices + [""] * (CHOICE_FIELDS - len(self.choices))


def _render_form(community_id: int, community_name: str, form: PollForm,
                 message: str | None) -> str:
    return render_template(
        "poll_form.html", community_id=community_id, community_name=community_name,
        form=form, message=message, question_max=polls.QUESTION_MAX,
        label_max=polls.LABEL_MAX, choices_min=polls.CHOICES_MIN,
        choices_max=polls.CHOICES_MAX, results_open=RESULTS_OPEN,
        results_hidden=RESULTS_HIDDEN, more=MORE)


@bp.route("/communities/<int:community_id>/polls/new", methods=["GET", "POST"])
@member_required
def new_poll(community_id: int) -> str | Response:
    """Create a poll in a community where the member may."""
    me = me_id()
    access = community_access(community_id, me)
    access.require_creator()
    if request.method == "GET":
        return _render_form(community_id, access.community.name, PollForm(), None)
    form = PollForm.from_request()
    if MORE in request.form:
        return _render_form(community_id, access.community.name, form, form.add_fields())
    try:
        closes_at = form.closes.parse("締め切り", end_of_day=True)
        poll_id = polls.create_poll(access, me, form.question, form.choices, closes_at,
                                    form.results == RESULTS_OPEN, form.key)
    except DomainError as refused:
        return _render_form(community_id, access.community.name, form, refusal(refused))
    return redirect(url_for("communities.poll", poll_id=poll_id))


def render_poll(poll_id: int, message: str | None = None) -> str:
    """Render a poll: its choices to vote for, and its results when the viewer sees them."""
    shown = polls.readable_poll(poll_id, me_id())
    rows = polls.tally(poll_id)
    results = polls.results(rows) if shown.results_shown else None
    return render_template("poll_show.html", shown=shown, poll=shown.poll, choices=rows,
                           results=results, total=sum(row.votes for row in rows),
                           message=message, notice=take_notice(), when=event_time)


@bp.get("/polls/<int:poll_id>")
@member_required
def poll(poll_id: int) -> str:
    """Show a poll the member may read."""
    return render_poll(poll_id)


@bp.post("/polls/<int:poll_id>/vote")
@member_required
def vote(poll_id: int) -> str | Response:
    """Vote, or change the vote, in a poll that is open."""
    choice = parse_number(request.form.get("choice"))
    try:
        changed = polls.vote(poll_id, me_id(), choice)
    except DomainError as refused:
        return render_poll(poll_id, refusal(refused))
    return redirect_with_notice(url_for("communities.poll", poll_id=poll_id),
                                "投票を変更しました。" if changed else "投票しました。")
