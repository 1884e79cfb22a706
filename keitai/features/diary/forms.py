"""The diary form: its fields, and how it is shown on a handset with a small page budget.

A premium member's form has the diary's date in five number fields (年 月 日 時 分, Japan
time, as events take theirs: keitai.features.communities.dates). Left as they came, they ask
for no change: blank on a new diary (it is dated when it is written), the diary's own date
when editing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import g, render_template, request

from keitai import premium, submit_keys
from keitai.auth import logged_in_member
from keitai.features.communities.dates import DateFields
from keitai.features.diary.service import BODY_MAX, DEFAULT_VISIBILITY, TITLE_MAX
from keitai.gateway.response import encode_text
from keitai.models.diary import Diary
from keitai.privacy import Visibility

#: room the rest of the form page needs besides the body in its textarea
PAGE_ROOM = 2048
#: and the date's five fields, when the form has them
DATE_ROOM = 768
#: the date fields' names start with it: date_year, date_month, ...
DATE_PREFIX = "date"
#: what a refusal calls the date fields
DATE_LABEL = "日付"


@dataclass
class DiaryForm:
    """What the member typed, or the diary being edited."""

    title: str
    #: None when the form had no body field (a diary too long to edit on this handset)
    body: str | None
    visibility: str
    key: str
    #: the date fields as sent; None when the form sent none
    date: DateFields | None = field(default=None)

    @classmethod
    def from_request(cls) -> DiaryForm:
        """Read the form a POST sent (or a blank form with a fresh key)."""
        form = request.form
        names = DateFields(DATE_PREFIX).names().values()
        date = DateFields.from_form(DATE_PREFIX, form) if any(
            name in form for name in names) else None
        return cls(form.get("title", ""), form.get("body"),
                   form.get("visibility", DEFAULT_VISIBILITY.value),
                   submit_keys.sent_key(form.get(submit_keys.FIELD)), date)

    @classmethod
    def of(cls, diary: Diary) -> DiaryForm:
        """Fill the form with a diary to edit."""
        return cls(diary.title, diary.body, diary.visibility, submit_keys.new_key(),
                   DateFields.of(DATE_PREFIX, diary.created_at))


def written_at(form: DiaryForm, diary: Diary | None) -> datetime | None:
    """Return the date the form asks for, or None for no change (fields absent, blank, or the
    diary's own date to the minute); DomainError when the fields are not a date."""
    if form.date is None or form.date.blank():
        return None
    typed = form.date.parse(DATE_LABEL)
    if diary is not None and typed == diary.created_at.replace(second=0, microsecond=0):
        return None
    return typed


def body_fits(body: str, room: int = PAGE_ROOM) -> bool:
    """Return True when a textarea holding body fits this handset's page."""
    limit = g.handset.page_limit_bytes
    return limit is None or len(encode_text(body, g.handset)) * 1.2 + room <= limit


def render(form: DiaryForm, diary: Diary | None, message: str | None) -> str:
    """Render the form to write (diary None) or edit a diary."""
    body = form.body if form.body is not None else (diary.body if diary else "")
    dated = premium.is_active(logged_in_member())
    date = None
    if dated:
        date = form.date or DateFields.of(DATE_PREFIX, diary.created_at if diary else None)
    return render_template(
        "diary_form.html", form=form, diary=diary, message=message,
        body_editable=body_fits(body, PAGE_ROOM + (DATE_ROOM if dated else 0)),
        visibilities=list(Visibility), title_max=TITLE_MAX, body_max=BODY_MAX, date=date,
    )
