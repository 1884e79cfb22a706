"""Who may do what in a community: one read of the community with the member's place in it.

The rules, decided here and nowhere else:
- a community's top page is open to every logged-in member;
- its topics, events and polls to every logged-in member, or to its members only when its
  topic visibility says so;
- members write comments, join events and vote; who creates topics, events and polls is
  the community's post policy (members, or admins only);
- the admin and sub-admins manage it (approve, remove, delete); only the admin appoints
  sub-admins, hands the community over and closes it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import exists, select

from keitai.db import db
from keitai.domain import NotAllowed, NotFound
from keitai.features.communities.sql import id_param
from keitai.models.community import ADMIN, SUB_ADMIN, Community, CommunityMember, JoinRequest
from keitai.rows import AnySelect

#: join policies, topic visibilities and post policies as stored
OPEN, APPROVAL = "open", "approval"
ALL, MEMBERS = "all", "members"
ADMINS = "admins"
MANAGERS = (ADMIN, SUB_ADMIN)


class CommunityNotFound(NotFound):
    """No such community (closed, or never was)."""

    default_message = "コミュニティが見つかりません。"


class MembersOnly(NotAllowed):
    """The community shows its topics to its members only."""

    default_message = "このコミュニティのトピックは参加者だけが読めます。"


class NotAMember(NotAllowed):
    """Only members write in a community."""

    default_message = "コミュニティに参加すると書き込めます。"


class AdminsOnly(NotAllowed):
    """The community lets only its admins create topics, events and polls."""

    default_message = "このコミュニティでは管理人と副管理人だけが作成できます。"


class ManagersOnly(NotAllowed):
    """Only the admin and sub-admins manage a community."""

    default_message = "管理人と副管理人だけが使えるページです。"


class AdminOnly(NotAllowed):
    """Only the admin appoints sub-admins, hands the community over or closes it."""

    default_message = "管理人だけができる操作です。"


@dataclass(frozen=True)
class Access:
    """A community and the viewer's place in it."""

    community: Community
    #: the viewer's role, None when not a member
    role: str | None
    #: the viewer asked to join and waits for approval
    pending: bool

    @property
    def is_member(self) -> bool:
        """Return True when the viewer belongs to the community."""
        return self.role is not None

    @property
    def manages(self) -> bool:
        """Return True for the admin and sub-admins."""
        return self.role in MANAGERS

    @property
    def is_admin(self) -> bool:
        """Return True for the admin."""
        return self.role == ADMIN

    @property
    def reads_topics(self) -> bool:
        """Return True when the viewer may read the topics, events and polls."""
        return self.community.topic_visibility == ALL or self.is_member

    @property
    def may_create(self) -> bool:
        """Return True when the viewer may create topics, events and polls."""
        return self.is_member and (self.community.post_policy != ADMINS or self.manages)

    def require_reader(self) -> None:
        """Raise MembersOnly unless the viewer may read the topics."""
        if not self.reads_topics:
            raise MembersOnly()

    def require_member(self) -> None:
        """Raise NotAMember unless the viewer belongs to the community."""
        if not self.is_member:
            raise NotAMember()

    def require_creator(self) -> None:
        """Raise unless the viewer may create topics, events and polls."""
        self.require_member()
        if not self.may_create:
            raise AdminsOnly()

    def require_manager(self) -> None:
        """Raise ManagersOnly unless the viewer is the admin or a sub-admin."""
        if not self.manages:
            raise ManagersOnly()

    def require_admin(self) -> None:
        """Raise AdminOnly unless the viewer is the admin."""
        if not self.is_admin:
            raise AdminOnly()



@cache
def _access() -> AnySelect:
    """Build, once, the read of a community with the viewer's role and pending request."""
    community, viewer = id_param("community_id"), id_param("viewer_id")
    role = (select(CommunityMember.role)
            .where(CommunityMember.community_id == community,
                   CommunityMember.member_id == viewer).scalar_subquery())
    pending = exists().where(JoinRequest.community_id == community,
                             JoinRequest.member_id == viewer)
    return select(Community, role.label("role"), pending.label("pending")).where(
        Community.id == community)


def community_access(community_id: int, viewer_id: int) -> Access:
    """Return the community and the viewer's place in it; CommunityNotFound when none."""
    row = db.session.execute(_access(), {"community_id": community_id,
                                         "viewer_id": viewer_id}).first()
    if row is None:
        raise CommunityNotFound()
    return Access(row[0], row.role, bool(row.pending))


def role_of(community_id: int, member_id: int) -> str | None:
    """Return the member's role in the community, None when not a member."""
    return db.session.scalar(select(CommunityMember.role).where(
        CommunityMember.community_id == community_id, CommunityMember.member_id == member_id))
