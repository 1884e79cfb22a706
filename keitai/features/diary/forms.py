"""The diary form: its fields, and how it is shown on a handset with a small page budget."""
from __future__ import annotations

from dataclasses import dataclass

from flask import g, render_template, request

from keitai import submit_keys
from keitai.features.diary.service import BODY_MAX, DEFAULT_VISIBILITY, TITLE_MAX
from keitai.gateway.response import encode_text
from keitai.models.diary import Diary
from keitai.privacy import Visibility

#: room the rest of the form page needs besides the body in its textarea
PAGE_ROOM = 2048


@dataclass
class DiaryForm:
    """What the member typed, or the diary being edited."""

    title: str
    #: None when the form had no body field (a diary too long to edit on this handset)
    body: str | None
    visibility: str
    key: str

    @classmethod
    def from_request(cls) -> DiaryForm:
        """Read the form a POST sent (or a blank form with a fresh key)."""
        form = request.form
        return cls(form.get("title", ""), form.get("body"),
                   form.get("visibility", DEFAULT_VISIBILITY.value),
                   submit_keys.sent_key(form.get(submit_keys.FIELD)))

    @classmethod
    def of(cls, diary: Diary) -> DiaryForm:
        """Fill the form with a diary to edit."""
        return cls(diary.title, diary.body, diary.visibility, submit_keys.new_key())


def body_fits(body: str) -> bool:
    """Return True when a textarea holding body fits this handset's page."""
    limit = g.handset.page_limit_bytes
    return limit is None or len(encode_text(body, g.handset)) * 1.2 + PAGE_ROOM <= limit


def render(form: DiaryForm, diary: Diary | None, message: str | None) -> str:
    """Render the form to write (diary None) or edit a diary."""
    body = form.body if form.body is not None else (diary.body if diary else "")
    return render_template(
        "diary_form.html", form=form, diary=diary, message=message,
        body_editable=body_fits(body), visibilities=list(Visibility),
        title_max=TITLE_MAX, body_max=BODY_MAX,
    )
