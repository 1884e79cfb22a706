"""The demo's logins on the top page, and /demo: what to try. Only under `keitai demo`."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from flask import Blueprint, abort, current_app, render_template
from sqlalchemy import Row, select

from keitai.db import db
from keitai.models.diary import Diary
from keitai.models.member import Member
from keitai.seed.network import PASSWORD
from keitai.seed.showcase_texts import LONG_DIARY_TITLE, login_emails

bp = Blueprint("demo", __name__)


def demo_mode() -> bool:
    """Return True when the site runs as `keitai demo` (never in production)."""
    return bool(current_app.config.get("DEMO"))


def demo_logins() -> Sequence[Row[int, str, str]]:
    """Return (id, email, nickname) of the demo's named members; none outside demo mode."""
    if not demo_mode():
        return []
    return db.session.execute(select(Member.id, Member.email, Member.nickname)
                              .where(Member.email.in_(login_emails()))
                              .order_by(Member.id)).all()


@bp.app_context_processor
def demo_context() -> dict[str, Callable[..., Any] | str]:
    """Let templates ask for the demo's logins (queried only when a template calls it)."""
    return {"demo_logins": demo_logins, "demo_password": PASSWORD}


@bp.get("/demo")
def show() -> str:
    """List the demo's logins and password, and what a newcomer can try."""
    if not demo_mode():
        abort(404)
    logins = demo_logins()
    long_diary = db.session.scalar(
        select(Diary.id).where(Diary.author_id == logins[0].id,
                               Diary.title == LONG_DIARY_TITLE)
        .order_by(Diary.id).limit(1)) if logins else None
    return render_template("demo.html", logins=logins, long_diary=long_diary)
