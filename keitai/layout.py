"""What the layout of PC and smartphone pages shows around a page for the member logged in:
their photo and nickname, a few of their friends and of their communities.

Only pages in the html5 markup family ask for it (base.html); handsets never do. It costs
one statement (the member, up to FRIENDS friends, up to COMMUNITIES communities, the friend
count: each by an index, whatever the member's friends and communities number) and, with
Redis, none while `layout1:<member>` is kept (keitai.cache): for LAYOUT_SECONDS at most, and
forgotten as soon as the member's nickname or photo changes, a friendship of theirs is made
or ended, or they join or leave a community (keitai.hot.layout_changed). A friend's
new nickname or photo shows within LAYOUT_SECONDS. Photo addresses are signed for the
viewer when the page is made, never kept (keitai.features.profile.photo_links).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from flask import Flask, g, url_for
from sqlalchemy import (
    CompoundSelect,
    Integer,
    String,
    and_,
    bindparam,
    cast,
    literal,
    null,
    select,
    union_all,
)

from carriers.markup import markup_for
from keitai.cache import cached
from keitai.db import db
from keitai.features.profile.images import file_name
from keitai.features.profile.photo_views import THUMB_VARIANT, signed_query
from keitai.hot import LAYOUT_SECONDS, layout_key
from keitai.models.community import Community, CommunityMember
from keitai.models.friendship import FriendCount, Friendship
from keitai.models.member import Member
from keitai.models.photo import Photo

#: how many friends and communities the side column shows
FRIENDS = 6
COMMUNITIES = 6
#: the size thumbnails are shown at (CSS crops them square)
THUMB_SIZE = 60
#: the kinds of rows the statement returns
_ME, _FRIEND, _COMMUNITY = "m", "f", "c"


@dataclass(frozen=True, slots=True)
class Person:
    """A member or community the layout links to, with a thumbnail when there is one."""

    name: str
    url: str
    #: the thumbnail's address, signed for the viewer; None without a photo
    thumb: str | None


@dataclass(frozen=True, slots=True)
class Frame:
    """What the layout shows around a page for the member logged in."""

    member_id: int
    nickname: str
    photo: str | None
    friends: list[Person]
    friend_count: int
    communities: list[Person]
    #: the width and height of the thumbnails, in CSS pixels
    thumb_size: int = THUMB_SIZE


@cache
def _statement() -> CompoundSelect[Any]:
    """Build, once, the one statement that reads the layout's data: rows of (kind, id, name,
    photo key, count), each part read by an index and limited."""
    me = bindparam("member_id", type_=Integer)
    main = and_(Photo.member_id == Member.id, Photo.is_main)
    own = (select(literal(_ME, String).label("kind"), Member.id.label("id"),
                  Member.nickname.label("name"), Photo.key.label("photo"),
                  FriendCount.count.label("count"))
           .select_from(Member).outerjoin(Photo, main)
           .outerjoin(FriendCount, FriendCount.member_id == Member.id)
           .where(Member.id == me))
    friends = (select(literal(_FRIEND, String).label("kind"), Member.id.label("id"),
                      Member.nickname.label("name"), Photo.key.label("photo"),
                      cast(null(), Integer).label("count"))
               .select_from(Friendship).join(Member, Member.id == Friendship.friend_id)
               .outerjoin(Photo, main)
               .where(Friendship.member_id == me)
               .order_by(Friendship.friend_id.desc()).limit(FRIENDS).subquery())
    communities = (select(literal(_COMMUNITY, String).label("kind"), Community.id.label("id"),
                          Community.name.label("name"), cast(null(), String).label("photo"),
                          cast(null(), Integer).label("count"))
                   .select_from(CommunityMember)
                   .join(Community, Community.id == CommunityMember.community_id)
                   .where(CommunityMember.member_id == me)
                   .order_by(CommunityMember.role).limit(COMMUNITIES).subquery())
    return union_all(own, select(friends), select(communities))


def _read(member_id: int) -> list[list[Any]] | None:
    """Read the layout's data as JSON rows; None when the member is gone."""
    rows = [[row.kind, row.id, row.name, row.photo, row.count]
            for row in db.session.execute(_statement(), {"member_id": member_id})]
    return rows if any(row[0] == _ME for row in rows) else None


def _thumb(photo_key: str | None, viewer_id: int) -> str | None:
    """Return a photo thumbnail's address signed for the viewer, or None without a photo (the
    address of the profile page's thumbnail: a browser fetches it once for both)."""
    if not photo_key:
        return None
    return url_for("profile.photo", key=photo_key, variant=file_name(THUMB_VARIANT),
                   **signed_query(photo_key, THUMB_VARIANT, viewer_id))


def frame_of(member_id: int, rows: list[list[Any]]) -> Frame:
    """Return the layout's frame for the member from the JSON rows _read made."""
    nickname, photo, count = "", None, 0
    friends: list[Person] = []
    communities: list[Person] = []
    for kind, row_id, name, photo_key, row_count in rows:
        if kind == _ME:
            nickname, photo, count = name, _thumb(photo_key, member_id), int(row_count or 0)
        elif kind == _FRIEND:
            friends.append(Person(name, url_for("profile.show", member_id=row_id),
                                  _thumb(photo_key, member_id)))
        else:
            communities.append(Person(name, url_for("communities.show", community_id=row_id),
                                      None))
    return Frame(member_id, nickname, photo, friends, count, communities)


def page_frame() -> Frame | None:
    """Return what the layout shows around this page for the member logged in; None for a
    visitor, a member who is gone, and on handsets (whose pages have no such layout)."""
    handset = g.get("handset")
    state = g.get("session")
    if handset is None or state is None or markup_for(handset).name != "html5":
        return None
    member_id = state.member_id
    if member_id is None:
        return None
    rows = cached(layout_key(member_id), LAYOUT_SECONDS, lambda: _read(member_id))
    return None if rows is None else frame_of(member_id, rows)


def init_app(app: Flask) -> None:
    """Give templates `page_frame()`."""
    app.jinja_env.globals["page_frame"] = page_frame
