"""Who may see what: visibility levels, friendships and blocks as SQL expressions.

Every page that shows a member's content filters its query with `can_see`, so privacy is
decided by the database, never by a template. The rules:

- logged-out visitors see nothing (they get the top page only);
- the owner always sees their own content;
- a block works both ways: neither member sees the other's content, whoever blocked;
- EVERYONE is every logged-in member; FRIENDS the owner's friends; FRIENDS_OF_FRIENDS the
  owner's friends and their friends; ONLY_ME nobody but the owner.
"""
from __future__ import annotations

from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, literal, or_, select, true
from sqlalchemy.orm import aliased

from keitai.db import db
from keitai.models.block import Block
from keitai.models.friendship import Friendship

#: the length of a visibility column: String(VISIBILITY_LENGTH)
VISIBILITY_LENGTH = 20


class Visibility(str, Enum):  # noqa: UP042 (the agreed interface)
    """Who may see a piece of content, as stored in a String(20) column."""

    EVERYONE = "everyone"
    FRIENDS = "friends"
    FRIENDS_OF_FRIENDS = "friends_of_friends"
    ONLY_ME = "only_me"

    @property
    def label(self) -> str:
        """Return the Japanese label the member chooses from."""
        return LABELS[self]

    @classmethod
    def parse(cls, value: str | None, default: Visibility | None = None) -> Visibility:
        """Return the level named by a form value; default (or ONLY_ME) when unknown."""
        try:
            return cls(value)
        except ValueError:
            return default or cls.ONLY_ME


LABELS = {
    Visibility.EVERYONE: "全体に公開",
    Visibility.FRIENDS: "マイミクまで公開",
    Visibility.FRIENDS_OF_FRIENDS: "マイミクのマイミクまで公開",
    Visibility.ONLY_ME: "非公開",
}


def _sql(value: Any) -> Any:
    """Return value as an SQL expression: columns and parameters stay, ids and levels become
    literals."""
    if isinstance(value, Visibility):
        return literal(value.value)
    if isinstance(value, (int, str)):
        return literal(value)
    return value


def friends_expr(a: Any, b: Any) -> ColumnElement[bool]:
    """Return EXISTS(a counts b as a friend); a and b are columns or ids.

    Subqueries read their own aliases, so they never correlate with a friendships or
    blocks table the enclosing query joins.
    """
    row = aliased(Friendship)
    return exists().where(row.member_id == a, row.friend_id == b)


def friends_of_friends_expr(a: Any, b: Any) -> ColumnElement[bool]:
    """Return EXISTS(a friend of a counts b as a friend): friendships joined twice."""
    first, second = aliased(Friendship), aliased(Friendship)
    return exists().where(first.member_id == a, second.member_id == first.friend_id,
                          second.friend_id == b)


def blocked_expr(a: Any, b: Any) -> ColumnElement[bool]:
    """Return EXISTS(a block between a and b, either way)."""
    row = aliased(Block)
    return exists().where(or_(and_(row.blocker_id == a, row.blocked_id == b),
                              and_(row.blocker_id == b, row.blocked_id == a)))


def not_blocked(owner_col: Any, viewer_id: Any) -> ColumnElement[bool]:
    """Return an expression true when no block stands between owner and viewer (an id,
    None for a visitor, or a bound parameter)."""
    if viewer_id is None:
        return true()
    return ~blocked_expr(owner_col, _sql(viewer_id))


def can_see(owner_col: Any, visibility_col: Any, viewer_id: Any) -> ColumnElement[bool]:
    """Return a WHERE expression: the viewer may see content of owner_col at visibility_col.

    viewer_id is an id, None (a visitor), or a bound parameter of a statement built once.
    """
    if viewer_id is None:
        return false()
    viewer, owner, level = _sql(viewer_id), _sql(owner_col), _sql(visibility_col)
    allowed = or_(
        level == Visibility.EVERYONE.value,
        and_(level.in_([Visibility.FRIENDS.value, Visibility.FRIENDS_OF_FRIENDS.value]),
             friends_expr(owner, viewer)),
        and_(level == Visibility.FRIENDS_OF_FRIENDS.value,
             friends_of_friends_expr(owner, viewer)),
    )
    return or_(owner == viewer, and_(allowed, ~blocked_expr(owner, viewer)))


def is_blocked_between(a: int, b: int) -> bool:
    """Return True when a blocked b or b blocked a."""
    return bool(db.session.scalar(select(blocked_expr(a, b))))


def are_friends(a: int, b: int) -> bool:
    """Return True when a and b are friends."""
    return bool(db.session.scalar(select(friends_expr(a, b))))


def has_blocked(blocker: int, blocked: int) -> bool:
    """Return True when blocker blocked blocked (one way)."""
    return db.session.get(Block, (blocker, blocked)) is not None
