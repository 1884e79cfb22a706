"""Community writes: create one, join and leave, and what its admins do with its members.

The member count moves in the same unit of work as the membership rows, by an UPDATE of the
community row only when a row was really added or removed (INSERT ... ON CONFLICT DO NOTHING
and DELETE ... RETURNING say so): two joins at once count one member once.
"""
from __future__ import annotations

from sqlalchemy import delete, exists, func, select, update

from keitai import hot
from keitai.db import db
from keitai.domain import DomainError, checked_text
from keitai.features.communities import categories
from keitai.features.communities.access import (
    ADMINS,
    ALL,
    APPROVAL,
    MANAGERS,
    MEMBERS,
    OPEN,
    Access,
)
from keitai.models.base import utcnow
from keitai.models.block import Block
from keitai.models.community import (
    ADMIN,
    MEMBER,
    SUB_ADMIN,
    Community,
    CommunityMember,
    Event,
    EventParticipant,
    JoinRequest,
)
from keitai.search.indexing import changed
from keitai.submit_keys import insert_once
from keitai.upsert import dialect_insert

NAME_MAX = 50
DESCRIPTION_MAX = 2000
REQUEST_MESSAGE_MAX = 200
#: a member belongs to at most this many communities (mixi's limit); a community has no limit
COMMUNITIES_MAX = 1000
#: sub-admins a community may have besides its admin
SUB_ADMINS_MAX = 10


class TooManyCommunities(DomainError):
    """The member is in COMMUNITIES_MAX communities already."""

    default_message = f"参加できるコミュニティは{COMMUNITIES_MAX}個までです。"


class JoinRefused(DomainError):
    """The community's admins do not take this member (a block); the reason is not told."""

    status = 403
    default_message = "このコミュニティには参加できません。"


class AdminCannotLeave(DomainError):
    """The admin hands the community over (or closes it) before leaving."""

    default_message = "管理人は退会できません。管理人を引き継ぐか、コミュニティを閉じてください。"


def _choice(value: str, allowed: tuple[str, ...], default: str) -> str:
    return value if value in allowed else default


def community_count(member_id: int) -> int:
    """Return how many communities the member belongs to."""
    return int(db.session.scalar(select(func.count()).select_from(CommunityMember).where(
        CommunityMember.member_id == member_id)) or 0)


def _room_for_one_more(member_id: int) -> None:
    if community_count(member_id) >= COMMUNITIES_MAX:
        raise TooManyCommunities()


def create_community(creator_id: int, name: str, category: str, description: str,
                     join_policy: str, topic_visibility: str, post_policy: str,
                     key: str) -> int:
    """Create a community whose admin is its creator (once per form key); return its id."""
    name = checked_text("コミュニティ名", " ".join(name.split()), NAME_MAX)
    description = checked_text("説明", description.strip(), DESCRIPTION_MAX)
    if category not in categories.BY_SLUG:
        raise DomainError("カテゴリを選んでください。")
    _room_for_one_more(creator_id)
    now = utcnow()
    community_id = insert_once(Community, "creator_id", {
        "name": name, "category": category, "description": description,
        "join_policy": _choice(join_policy, (OPEN, APPROVAL), OPEN),
        "topic_visibility": _choice(topic_visibility, (ALL, MEMBERS), ALL),
        "post_policy": _choice(post_policy, (MEMBERS, ADMINS), MEMBERS),
        "member_count": 0, "posted_at": now, "created_at": now, "creator_id": creator_id,
        "submit_key": key,
    })
    _add_member(community_id, creator_id, ADMIN)
    changed("communities", community_id)
    return community_id


def _add_member(community_id: int, member_id: int, role: str = MEMBER) -> bool:
    """Add the membership unless it exists, counting it; return True when it was added."""
    added = db.session.execute(
        dialect_insert(CommunityMember).values(
            community_id=community_id, member_id=member_id, role=role, joined_at=utcnow())
        .on_conflict_do_nothing(index_elements=["community_id", "member_id"])
        .returning(CommunityMember.seq)).first()
    if added is None:
        return False
    db.session.execute(update(Community).where(Community.id == community_id)
                       .values(member_count=Community.member_count + 1)
                       .execution_options(synchronize_session=False))
    hot.communities_changed(member_id)
    return True


def _managers(community_id: int) -> list[int]:
    return list(db.session.scalars(select(CommunityMember.member_id).where(
        CommunityMember.community_id == community_id, CommunityMember.role.in_(MANAGERS))))


def join(access: Access, member_id: int, message: str = "") -> str:
    """Join the community, or ask its admins to; return "joined", "requested" or "member".

    Refused when a manager of the community blocked the member, or at COMMUNITIES_MAX.
    """
    if access.is_member:
        return "member"
    community = access.community
    managers = _managers(community.id)
    if managers and db.session.scalar(select(exists().where(
            Block.blocker_id.in_(managers), Block.blocked_id == member_id))):
        raise JoinRefused()
    _room_for_one_more(member_id)
    if community.join_policy == APPROVAL:
        message = checked_text("メッセージ", message.strip(), REQUEST_MESSAGE_MAX, required=False)
        db.session.execute(
            dialect_insert(JoinRequest).values(
                community_id=community.id, member_id=member_id, message=message,
                created_at=utcnow())
            .on_conflict_do_nothing(index_elements=["community_id", "member_id"]))
        hot.news_changed(*managers)
        return "requested"
    _add_member(community.id, member_id)
    return "joined"


def cancel_request(community_id: int, member_id: int) -> bool:
    """Withdraw the member's pending request; return False when there was none."""
    gone = _delete_request(community_id, member_id)
    if gone:
        hot.news_changed(*_managers(community_id))
    return gone


def _delete_request(community_id: int, member_id: int) -> bool:
    result = db.session.execute(delete(JoinRequest).where(
        JoinRequest.community_id == community_id, JoinRequest.member_id == member_id)
        .returning(JoinRequest.member_id))
    return result.first() is not None


def _remove_member(community_id: int, member_id: int) -> bool:
    """Remove a membership (not the admin's), uncounting it; return True when one went."""
    gone = db.session.execute(delete(CommunityMember).where(
        CommunityMember.community_id == community_id, CommunityMember.member_id == member_id,
        CommunityMember.role != ADMIN).returning(CommunityMember.seq)).first()
    if gone is None:
        return False
    db.session.execute(update(Community).where(Community.id == community_id)
                       .values(member_count=Community.member_count - 1)
                       .execution_options(synchronize_session=False))
    hot.communities_changed(member_id)
    return True


def leave(access: Access, member_id: int) -> bool:
    """Leave the community; return False when the member was not in it."""
    if access.is_admin:
        raise AdminCannotLeave()
    return _remove_member(access.community.id, member_id)


def approve(access: Access, member_id: int) -> bool:
    """Let a member who asked join (a manager's act); return False without such a request."""
    access.require_manager()
    if not _delete_request(access.community.id, member_id):
        return False
    _room_for_one_more(member_id)
    _add_member(access.community.id, member_id)
    hot.news_changed(*_managers(access.community.id))
    return True


def reject(access: Access, member_id: int) -> bool:
    """Turn down a request to join (a manager's act); return False without such a request."""
    access.require_manager()
    gone = _delete_request(access.community.id, member_id)
    if gone:
        hot.news_changed(*_managers(access.community.id))
    return gone


def remove_member(access: Access, member_id: int) -> bool:
    """Remove a member (a manager's act; only the admin removes sub-admins, nobody the admin)."""
    access.require_manager()
    role = db.session.scalar(select(CommunityMember.role).where(
        CommunityMember.community_id == access.community.id,
        CommunityMember.member_id == member_id))
    if role is None:
        return False
    if role == ADMIN or (role == SUB_ADMIN and not access.is_admin):
        raise DomainError("管理人と副管理人は管理人だけが外せます。管理人は外せません。")
    return _remove_member(access.community.id, member_id)


def _set_role(community_id: int, member_id: int, role: str, current: tuple[str, ...]) -> bool:
    result = db.session.execute(
        update(CommunityMember).where(CommunityMember.community_id == community_id,
                                      CommunityMember.member_id == member_id,
                                      CommunityMember.role.in_(current))
        .values(role=role).returning(CommunityMember.seq)
        .execution_options(synchronize_session=False))
    return result.first() is not None


def appoint_sub_admin(access: Access, member_id: int) -> bool:
    """Make a member a sub-admin (the admin's act); False when they are not a plain member."""
    access.require_admin()
    count = db.session.scalar(select(func.count()).select_from(CommunityMember).where(
        CommunityMember.community_id == access.community.id,
        CommunityMember.role == SUB_ADMIN))
    if (count or 0) >= SUB_ADMINS_MAX:
        raise DomainError(f"副管理人は{SUB_ADMINS_MAX}人までです。")
    done = _set_role(access.community.id, member_id, SUB_ADMIN, (MEMBER,))
    if done:
        hot.news_changed(member_id)
    return done


def dismiss_sub_admin(access: Access, member_id: int) -> bool:
    """Make a sub-admin a plain member again (the admin's act)."""
    access.require_admin()
    done = _set_role(access.community.id, member_id, MEMBER, (SUB_ADMIN,))
    if done:
        hot.news_changed(member_id)
    return done


def hand_over(access: Access, admin_id: int, member_id: int) -> bool:
    """Make another member the admin; the old admin stays as a plain member."""
    access.require_admin()
    if member_id == admin_id:
        return False
    community_id = access.community.id
    if db.session.scalar(select(CommunityMember.role).where(
            CommunityMember.community_id == community_id,
            CommunityMember.member_id == member_id)) is None:
        return False
    # the old admin steps down first: the database holds one admin per community
    _set_role(community_id, admin_id, MEMBER, (ADMIN,))
    _set_role(community_id, member_id, ADMIN, (MEMBER, SUB_ADMIN))
    hot.news_changed(admin_id, member_id)
    return True


def close(access: Access) -> None:
    """Delete the community and everything in it (the admin's act)."""
    access.require_admin()
    # the managers' badges and lists now; the other members' lists within their time limit
    managers = _managers(access.community.id)
    hot.news_changed(*managers)
    hot.communities_changed(*managers)
    db.session.execute(delete(Community).where(Community.id == access.community.id))
    changed("communities", access.community.id)


def member_withdrawing(member_id: int) -> None:
    """Settle what a withdrawing member leaves: counts, and the communities they ran.

    Called before the member row goes (the database then deletes the memberships and
    participations, and keeps their topics and comments without an author). A community
    whose admin leaves passes to its longest-serving sub-admin, else its longest member;
    one that has no other member closes.
    """
    memberships = list(db.session.execute(select(
        CommunityMember.community_id, CommunityMember.role).where(
        CommunityMember.member_id == member_id)))
    for community_id, role in memberships:
        db.session.execute(update(Community).where(Community.id == community_id)
                           .values(member_count=Community.member_count - 1)
                           .execution_options(synchronize_session=False))
        if role == ADMIN:
            _pass_on(community_id, member_id)
    db.session.execute(
        update(Event).where(Event.topic_id.in_(select(EventParticipant.event_id).where(
            EventParticipant.member_id == member_id)))
        .values(participant_count=Event.participant_count - 1)
        .execution_options(synchronize_session=False))


def _pass_on(community_id: int, leaving_id: int) -> None:
    successor = db.session.scalar(
        select(CommunityMember.member_id)
        .where(CommunityMember.community_id == community_id,
               CommunityMember.member_id != leaving_id)
        .order_by((CommunityMember.role == SUB_ADMIN).desc(), CommunityMember.seq).limit(1))
    if successor is None:  # nobody is left to run it or read it: it closes
        db.session.execute(delete(Community).where(Community.id == community_id))
        return
    _set_role(community_id, leaving_id, MEMBER, (ADMIN,))
    _set_role(community_id, successor, ADMIN, (MEMBER, SUB_ADMIN))
    hot.news_changed(successor)
