"""The home page. `/` renders it for a logged-in member (keitai.features.top asks for it)."""
from __future__ import annotations

from dataclasses import dataclass

from flask import g, render_template, url_for

from keitai.features.diary.queries import friends_latest, new_comment_count
from keitai.features.footprints.queries import new_footprint_count
from keitai.features.friends.queries import request_count
from keitai.features.messages.queries import unread_count
from keitai.features.social import SMALL_PAGE_BYTES
from keitai.models.member import Member

#: friends' diaries on the home page of a small handset, and of the others
SHORT_FEED, LONG_FEED = 3, 5


@dataclass(frozen=True)
class Badge:
    """One "you have N new ..." line at the top of the home page."""

    count: int
    text: str
    url: str


def badges(member_id: int) -> list[Badge]:
    """Return the lines of what is new for the member, only those with something new."""
    lines = [
        Badge(unread_count(member_id), "新着ミニメール{}件", url_for("messages.inbox")),
        Badge(request_count(member_id), "マイミク申請{}件", url_for("friends.requests")),
        Badge(new_comment_count(member_id), "日記に新着コメント{}件",
              url_for("diary.member_list", member_id=member_id)),
        Badge(new_footprint_count(member_id), "新しい足あと{}件", url_for("footprints.index")),
    ]
    return [badge for badge in lines if badge.count]


def home(member: Member, notice: str | None) -> str:
    """Render the member's home page."""
    limit = g.handset.page_limit_bytes
    feed = SHORT_FEED if limit is not None and limit <= SMALL_PAGE_BYTES else LONG_FEED
    return render_template("home.html", member=member, badges=badges(member.id),
                           diaries=friends_latest(member.id, feed), notice=notice)
