"""How many photos a member may keep: a count and a size, larger for premium members.

The quota counts every picture the member owns, in albums and in diaries, by the bytes of
its stored master (the normalised JPEG, at most 640 pixels a side; the variants made for
handsets are the site's cache and are not counted). Free members keep up to FREE.pictures
photos and FREE.bytes bytes; premium members (keitai.premium.is_premium) PREMIUM's. A
picture that would pass either limit is refused before anything is stored.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from keitai.db import db
from keitai.domain import DomainError
from keitai.models.album import Picture
from keitai.premium import is_premium

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What a member may keep."""

    pictures: int
    bytes: int


#: a free member: 300 photos or 30 MB (about 100 KB a stored photo); premium: ten times the
#: photos and 1 GB
FREE = Limits(pictures=300, bytes=30 * MB)
PREMIUM = Limits(pictures=3000, bytes=1024 * MB)


@dataclass(frozen=True)
class Usage:
    """What a member keeps now, and may keep."""

    pictures: int
    bytes: int
    limits: Limits

    @property
    def megabytes(self) -> str:
        """Return the bytes used in MB, one decimal ("2.4")."""
        return f"{self.bytes / MB:.1f}"

    @property
    def limit_megabytes(self) -> int:
        """Return the size limit in whole MB."""
        return self.limits.bytes // MB

    @property
    def full(self) -> bool:
        """Return True when not one more photo fits."""
        return self.pictures >= self.limits.pictures or self.bytes >= self.limits.bytes


class QuotaExceeded(DomainError):
    """The member keeps as many photos (or bytes) as they may."""

    default_message = "写真の保存容量がいっぱいです。古い写真を削除してから送ってください。"


def limits_for(member_id: int) -> Limits:
    """Return the limits of a member: premium or free."""
    return PREMIUM if is_premium(member_id) else FREE


def usage(member_id: int) -> Usage:
    """Return how many photos and bytes the member keeps, and the member's limits."""
    count, size = db.session.execute(
        select(func.count(), func.coalesce(func.sum(Picture.size_bytes), 0))
        .where(Picture.owner_id == member_id)).one()
    return Usage(int(count), int(size), limits_for(member_id))


def check_room(member_id: int, size_bytes: int) -> Usage:
    """Return the member's usage when one more photo of size_bytes fits; else QuotaExceeded."""
    used = usage(member_id)
    limits = used.limits
    if used.pictures + 1 > limits.pictures:
        raise QuotaExceeded(f"写真は{limits.pictures}枚まで保存できます(今{used.pictures}枚)。"
                            "古い写真を削除してから送ってください。")
    if used.bytes + size_bytes > limits.bytes:
        raise QuotaExceeded(f"写真の保存容量({used.limit_megabytes}MB)を超えます"
                            f"(今{used.megabytes}MB)。古い写真を削除してから送ってください。")
    return used
