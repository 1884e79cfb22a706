"""Reads of the demo's help page: the named logins and the long diary to try."""
from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Row, select

from keitai.db import db
from keitai.models.diary import Diary
from keitai.models.member import Member
from keitai.seed.showcase_texts import LONG_DIARY_TITLE, login_emails


def named_logins() -> Sequence[Row[int, str, str]]:
    """Return (id, email, nickname) of the demo's named members, first login first."""
    return db.session.execute(select(Member.id, Member.email, Member.nickname)
                              .where(Member.email.in_(login_emails()))
                              .order_by(Member.id)).all()


def long_diary_of(member_id: int) -> int | None:
    """Return the id of the member's long showcase diary (split on small handsets)."""
    return db.session.scalar(select(Diary.id).where(Diary.author_id == member_id,
                                                    Diary.title == LONG_DIARY_TITLE)
                             .order_by(Diary.id).limit(1))
