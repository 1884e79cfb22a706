"""Which kinds of notice a member wants: every kind is on until they turn it off."""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, select

from keitai.db import db
from keitai.models.notice import NoticeOff
from keitai.notices import KINDS, clock
from keitai.upsert import insert_ignore


def kinds_off(member_id: int) -> set[str]:
    """Return the kinds the member turned off."""
    return set(db.session.scalars(select(NoticeOff.kind).where(NoticeOff.member_id == member_id)))


def keep_on(member_id: int, kinds_on: Iterable[str]) -> None:
    """Turn on the kinds named, and off every other."""
    wanted = set(kinds_on)
    off = [kind for kind in KINDS if kind not in wanted]
    db.session.execute(delete(NoticeOff).where(NoticeOff.member_id == member_id,
                                               NoticeOff.kind.not_in(off)))
    insert_ignore(NoticeOff, [{"member_id": member_id, "kind": kind, "created_at": clock.now()}
                              for kind in off])


def turn_off(member_id: int, kind: str) -> None:
    """Turn one kind off (from the link in a notice mail)."""
    insert_ignore(NoticeOff, {"member_id": member_id, "kind": kind, "created_at": clock.now()})
