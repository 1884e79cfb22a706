"""The お知らせ area of home: the latest announcements, NEW on those the member has not
opened, and the member's unread notices (an operator's warnings first).

Home reads both keys in its one round trip to Redis (keitai.cache.cached_many); without
Redis, each costs a fixed number of statements, whatever the member's friends or reads.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam, select

from keitai.db import db
from keitai.features.announcements import hot
from keitai.features.announcements.texts import headline, jst_date
from keitai.models.announcement import Announcement, AnnouncementRead, MemberNotice

#: one cache entry as keitai.cache.cached_many takes it: key, seconds, compute
Entry = tuple[str, int, Callable[[], Any]]


@dataclass(frozen=True, slots=True)
class Listed:
    """One announcement as home shows it."""

    id: int
    title: str
    #: the day it was published, as the page shows it (Japan time)
    date: str
    unread: bool


@dataclass(frozen=True, slots=True)
class Unread:
    """One unread notice to the member, as home shows it."""

    id: int
    headline: str
    warning: bool


@dataclass(frozen=True, slots=True)
class Area:
    """What home's お知らせ area shows."""

    announcements: list[Listed]
    #: an operator's warnings, shown first, in red
    warnings: list[Unread]
    notices: list[Unread]
    #: True when the member has more unread notices than home shows
    more: bool


@cache
def _latest() -> Select[int, str, Any]:
    """Build, once, the statement that reads the latest announcements shown now."""
    return (select(Announcement.id, Announcement.title, Announcement.published_at)
            .where(Announcement.retracted_at.is_(None))
            .order_by(Announcement.published_at.desc(), Announcement.id.desc())
            .limit(bindparam("size")))


@cache
def _reads() -> Select[int]:
    """Build, once, the statement that reads the newest announcements a member opened."""
    return (select(AnnouncementRead.announcement_id)
            .where(AnnouncementRead.member_id == bindparam("member_id"))
            .order_by(AnnouncementRead.announcement_id.desc()).limit(hot.READS_KEPT))


@cache
def _unread() -> Select[int, str, bool]:
    """Build, once, the statement that reads a member's unread notices, warnings first,
    then the newest."""
    return (select(MemberNotice.id, MemberNotice.text, MemberNotice.warning)
            .where(MemberNotice.member_id == bindparam("member_id"),
                   MemberNotice.read_at.is_(None))
            # an operator's warnings first: a member with many notices still sees them
            .order_by(MemberNotice.warning.desc(), MemberNotice.id.desc())
            .limit(hot.HOME_NOTICES + 1))


def _read_list(size: int) -> list[list[Any]]:
    """Read the latest `size` announcements as JSON lists: id, title, day."""
    rows = db.session.execute(_latest(), {"size": size})
    return [[row.id, row.title, jst_date(row.published_at)] for row in rows]


def _read_member(member_id: int) -> list[Any]:
    """Read the member's state as JSON: the announcements they read, their unread notices."""
    params = {"member_id": member_id}
    reads = list(db.session.scalars(_reads(), params))
    notices = [[row.id, headline(row.text), row.warning]
               for row in db.session.execute(_unread(), params)]
    return [reads, notices]


def entries(member_id: int, size: int) -> list[Entry]:
    """Return the cache entries home reads for its お知らせ area (site-wide, then the
    member's)."""
    return [(hot.list_key(size), hot.LIST_SECONDS, lambda: _read_list(size)),
            (hot.member_key(member_id), hot.MEMBER_SECONDS, lambda: _read_member(member_id))]


def area(listed: list[list[Any]], member: list[Any]) -> Area:
    """Return the area from what `entries` gave."""
    reads = set(member[0])
    notices = [Unread(int(item[0]), str(item[1]), bool(item[2]))
               for item in member[1][:hot.HOME_NOTICES]]
    return Area([Listed(int(item[0]), str(item[1]), str(item[2]), item[0] not in reads)
                 for item in listed],
                [notice for notice in notices if notice.warning],
                [notice for notice in notices if not notice.warning],
                len(member[1]) > hot.HOME_NOTICES)
