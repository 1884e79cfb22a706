"""お知らせ reads for the /notices pages: announcements and the member's notices in one list."""
from __future__ import annotations

from sqlalchemy import Boolean, String, exists, false, func, literal, select, union_all

from keitai.db import db
from keitai.models.announcement import Announcement, AnnouncementRead, MemberNotice
from keitai.pagination import AnySelect

#: what a row of the list is: an announcement to everyone, or a notice to the member
ANNOUNCEMENT, NOTICE = "announcement", "notice"


def _read_by(member_id: int) -> AnySelect:
    return select(AnnouncementRead.announcement_id).where(
        AnnouncementRead.member_id == member_id,
        AnnouncementRead.announcement_id == Announcement.id)


def listing(member_id: int, limit: int, offset: int) -> AnySelect:
    """Return one page of the announcements shown now and the member's notices, newest
    first; each row has kind, id, text (the title or the notice), at, read and warning.

    Each side reads no more than the page needs from its own index before they are merged.
    """
    upto = limit + offset
    announcements = (
        select(literal(ANNOUNCEMENT, String).label("kind"), Announcement.id,
               Announcement.title.label("text"), Announcement.published_at.label("at"),
               exists(_read_by(member_id)).label("read"),
               false().label("warning"))
        .where(Announcement.retracted_at.is_(None))
        .order_by(Announcement.published_at.desc(), Announcement.id.desc())
        .limit(upto).subquery())
    notices = (
        select(literal(NOTICE, String).label("kind"), MemberNotice.id, MemberNotice.text,
               MemberNotice.created_at.label("at"),
               MemberNotice.read_at.is_not(None).label("read"), MemberNotice.warning)
        .where(MemberNotice.member_id == member_id)
        .order_by(MemberNotice.id.desc()).limit(upto).subquery())
    both = union_all(select(*announcements.c), select(*notices.c)).subquery()
    return (select(both.c.kind, both.c.id, both.c.text, both.c.at,
                   both.c.read.cast(Boolean).label("read"),
                   both.c.warning.cast(Boolean).label("warning"))
            .order_by(both.c.at.desc(), both.c.kind, both.c.id.desc())
            .limit(limit).offset(offset))


def unread_count(member_id: int) -> int:
    """Return how many announcements shown now and notices the member has not opened."""
    announcements = (select(func.count()).select_from(Announcement).where(
        Announcement.retracted_at.is_(None), ~exists(_read_by(member_id)))
        .scalar_subquery())
    notices = (select(func.count()).select_from(MemberNotice).where(
        MemberNotice.member_id == member_id, MemberNotice.read_at.is_(None))
        .scalar_subquery())
    return int(db.session.scalar(select(announcements + notices)) or 0)
