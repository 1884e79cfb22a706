"""お知らせ writes and the reads the operators' console shares: publish, retract, tell one
member, mark read.

Announcements are few and change rarely: home keeps the latest in one site-wide key
(keitai.features.announcements.hot), forgotten when one is published or retracted. Whether a
member read one is a row made when they open it, never a row per member and announcement.
"""
from __future__ import annotations

from sqlalchemy import select

from keitai.db import db
from keitai.domain import NotFound, checked_text
from keitai.features.announcements import hot
from keitai.models.announcement import (
    BODY_MAX,
    NOTICE_MAX,
    TITLE_MAX,
    Announcement,
    AnnouncementRead,
    MemberNotice,
)
from keitai.models.base import utcnow
from keitai.models.member import Member
from keitai.upsert import insert_ignore


class AnnouncementNotFound(NotFound):
    """No such announcement, or it was retracted."""

    default_message = "このお知らせは見つかりません。"


class NoticeNotFound(NotFound):
    """No such notice, or it is addressed to someone else."""

    default_message = "このお知らせは見つかりません。"


class NoticeMemberNotFound(NotFound):
    """A notice names a member who does not exist."""

    default_message = "メンバーが見つかりません。"


def publish(title: str, body: str, operator_id: int) -> Announcement:
    """Publish an announcement to every member now; it shows on their home at once."""
    title = checked_text("タイトル", " ".join(title.split()), TITLE_MAX)
    body = checked_text("本文", body.strip(), BODY_MAX)
    announcement = Announcement(title=title, body=body, author_id=operator_id,
                                published_at=utcnow())
    db.session.add(announcement)
    db.session.flush()
    hot.announcements_changed()
    return announcement


def retract(announcement_id: int) -> None:
    """Take an announcement back: no page shows it any more (retracting twice is once)."""
    announcement = db.session.get(Announcement, announcement_id)
    if announcement is None:
        raise AnnouncementNotFound()
    if announcement.retracted_at is None:
        announcement.retracted_at = utcnow()
        hot.announcements_changed()


def tell(member_id: int, text: str, operator_id: int | None = None) -> MemberNotice:
    """Leave a notice for one member on their home: an operator's warning when operator_id
    is given, else the site telling them something."""
    text = checked_text("お知らせの本文", text.strip(), NOTICE_MAX)
    if db.session.get(Member, member_id) is None:
        raise NoticeMemberNotFound()
    notice = MemberNotice(member_id=member_id, text=text, operator_id=operator_id,
                          warning=operator_id is not None, created_at=utcnow())
    db.session.add(notice)
    db.session.flush()
    hot.member_changed(member_id)
    return notice


def recent(limit: int, offset: int = 0) -> list[Announcement]:
    """Return the announcements shown now, newest first."""
    return list(db.session.scalars(
        select(Announcement).where(Announcement.retracted_at.is_(None))
        .order_by(Announcement.published_at.desc(), Announcement.id.desc())
        .limit(limit).offset(offset)))


def shown(announcement_id: int) -> Announcement:
    """Return an announcement members may read; AnnouncementNotFound if none is."""
    announcement = db.session.get(Announcement, announcement_id)
    if announcement is None or announcement.retracted_at is not None:
        raise AnnouncementNotFound()
    return announcement


def mark_read(member_id: int, announcement_id: int) -> None:
    """Remember that the member opened the announcement (the first time only)."""
    if insert_ignore(AnnouncementRead, {"member_id": member_id,
                                        "announcement_id": announcement_id,
                                        "read_at": utcnow()}):
        hot.member_changed(member_id)


def notice_for(member_id: int, notice_id: int) -> MemberNotice:
    """Return one of the member's notices; NoticeNotFound if it is not theirs."""
    notice = db.session.get(MemberNotice, notice_id)
    if notice is None or notice.member_id != member_id:
        raise NoticeNotFound()
    return notice


def mark_notice_read(notice: MemberNotice) -> None:
    """Mark a notice read when its member opens it for the first time."""
    if notice.read_at is None:
        notice.read_at = utcnow()
        hot.member_changed(notice.member_id)
