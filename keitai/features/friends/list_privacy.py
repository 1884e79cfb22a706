"""Who sees a member's friend list (マイミク一覧), decided by the database.

The rules:
- the owner always sees their own list;
- a block either way hides the owner altogether: a 404, as their profile page;
- otherwise the owner's setting: every logged-in member (the default, as mixi did), the
  owner's friends, or nobody; a member without a profiles row has the default;
- the full list of friends in common names the owner's friends too, so it follows the
  same setting;
- in any list, a member with a block between them and the viewer is left out.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, select

from keitai.db import db
from keitai.domain import NotAllowed
from keitai.features.social import MemberNotShown
from keitai.models.member import Member
from keitai.models.profile import Profile
from keitai.privacy import Visibility, can_see, not_blocked
from keitai.rows import AnyRow

#: the levels a member chooses from, in the order the form offers them
LEVELS = (Visibility.EVERYONE, Visibility.FRIENDS, Visibility.ONLY_ME)
#: the level of a member who never chose (and of one without a profiles row)
DEFAULT = Visibility.EVERYONE


class FriendListHidden(NotAllowed):
    """The owner shows their friend list to others than the viewer."""

    default_message = "このメンバーのマイミク一覧は公開されていません。"


def level_expr() -> ColumnElement[str]:
    """Return the owner's level from an outer-joined profiles row (the default when none)."""
    return func.coalesce(Profile.friends_visibility, DEFAULT.value)


def shown_expr(owner_col: Any, viewer_id: int) -> ColumnElement[bool]:
    """Return an expression true when the viewer may see the list of owner_col (a column
    of a query that outer-joins Profile on it)."""
    return can_see(owner_col, level_expr(), viewer_id)


def list_owner(owner_id: int, viewer_id: int) -> AnyRow:
    """Return the owner (id, nickname, shown) whose lists the viewer asks for; a block
    either way, or no such member, raises MemberNotShown (404)."""
    row = db.session.execute(
        select(Member.id, Member.nickname, shown_expr(Member.id, viewer_id).label("shown"))
        .outerjoin(Profile, Profile.member_id == Member.id)
        .where(Member.id == owner_id, not_blocked(Member.id, viewer_id))).first()
    if row is None:
        raise MemberNotShown()
    return row


def shown_owner(owner_id: int, viewer_id: int) -> AnyRow:
    """Return the owner as list_owner does; raise FriendListHidden (403) when the owner's
    setting keeps the list from the viewer."""
    owner = list_owner(owner_id, viewer_id)
    if not owner.shown:
        raise FriendListHidden(f"{owner.nickname}さんのマイミク一覧は公開されていません。")
    return owner


def list_shown(owner_id: int, viewer_id: int) -> bool:
    """Return True when the viewer may open the owner's friend list (blocks included)."""
    return bool(db.session.scalar(
        select(shown_expr(Member.id, viewer_id))
        .outerjoin(Profile, Profile.member_id == Member.id)
        .where(Member.id == owner_id, not_blocked(Member.id, viewer_id))))


def own_level(member_id: int) -> Visibility:
    """Return the level the member chose for their friend list."""
    stored = db.session.scalar(select(Profile.friends_visibility)
                               .where(Profile.member_id == member_id))
    return Visibility.parse(stored, DEFAULT)
