"""The home page. `/` renders it for a logged-in member (keitai.features.top asks for it)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from flask import g, render_template, url_for
from sqlalchemy import Select, bindparam, select

from keitai.db import db
from keitai.features.diary.queries import friends_latest, new_comment_count_expr
from keitai.features.footprints.queries import new_footprint_count_expr
from keitai.features.friends.queries import request_count_expr
from keitai.features.messages.queries import unread_count_expr
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


@cache
def _counts() -> Select[tuple[int, int, int, int]]:
    """Build, once, the statement that counts the four kinds of news in one round trip."""
    member = bindparam("member_id", type_=Member.id.type)
    return select(unread_count_expr(member), request_count_expr(member),
                  new_comment_count_expr(member), new_footprint_count_expr(member))


def counts(member_id: int) -> tuple[int, int, int, int]:
    """Return the member's unread messages, friend requests, new comments and new visits."""
    row = db.session.execute(_counts(), {"member_id": member_id}).one()
    unread, requests, comments, visits = (int(value or 0) for value in row)
    return unread, requests, comments, visits


def badges(member_id: int) -> list[Badge]:
    """Return the lines of what is new for the member, only those with something new."""
    unread, requests, comments, visits = counts(member_id)
    lines = [
        Badge(unread, "新着ミニメール{}件", url_for("messages.inbox")),
        Badge(requests, "マイミク申請{}件", url_for("friends.requests")),
        Badge(comments, "日記に新着コメント{}件",
              url_for("diary.member_list", member_id=member_id)),
        Badge(visits, "新しい足あと{}件", url_for("footprints.index")),
    ]
    return [badge for badge in lines if badge.count]


def home(member: Member, notice: str | None) -> str:
    """Render the member's home page."""
    limit = g.handset.page_limit_bytes
    feed = SHORT_FEED if limit is not None and limit <= SMALL_PAGE_BYTES else LONG_FEED
    return render_template("home.html", member=member, badges=badges(member.id),
                           diaries=friends_latest(member.id, feed), notice=notice)
