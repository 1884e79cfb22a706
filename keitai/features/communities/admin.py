"""What the admins' pages need besides the community services: one member's place in the
community, and which of the managers' acts apply to them.

The rules themselves are the services' (keitai.features.communities.service); `acts` only
says which buttons a page offers, so that nobody is shown one the service would refuse.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Row, select

from keitai.db import db
from keitai.features.communities.access import Access
from keitai.models.community import ADMIN, MEMBER, SUB_ADMIN, CommunityMember
from keitai.models.member import Member
from keitai.privacy import not_blocked

#: how the pages name each role
ROLE_LABELS = {ADMIN: "管理人", SUB_ADMIN: "副管理人", MEMBER: "メンバー"}


@dataclass(frozen=True)
class Acts:
    """What a manager may do to one member of the community."""

    #: take them out of the community (a plain member; a sub-admin only by the admin)
    remove: bool
    #: make them a sub-admin (the admin's act, for a plain member)
    appoint: bool
    #: make a sub-admin a plain member again (the admin's act)
    dismiss: bool
    #: make them the admin (the admin's act, for anyone else)
    hand_over: bool

    @property
    def any(self) -> bool:
        """Return True when at least one act applies."""
        return self.remove or self.appoint or self.dismiss or self.hand_over


def acts(access: Access, role: str) -> Acts:
    """Return what the viewer (a manager) may do to a member with this role."""
    admin = access.is_admin
    return Acts(remove=role == MEMBER or (admin and role == SUB_ADMIN),
                appoint=admin and role == MEMBER,
                dismiss=admin and role == SUB_ADMIN,
                hand_over=admin and role != ADMIN)


def membership(community_id: int, member_id: int, viewer_id: int
               ) -> Row[int, str, datetime, str] | None:
    """Return (member_id, role, joined_at, nickname) of a member of the community, or None
    when they are not in it or a block stands between them and the viewer."""
    return db.session.execute(
        select(CommunityMember.member_id, CommunityMember.role, CommunityMember.joined_at,
               Member.nickname)
        .join(Member, Member.id == CommunityMember.member_id)
        .where(CommunityMember.community_id == community_id,
               CommunityMember.member_id == member_id,
               not_blocked(CommunityMember.member_id, viewer_id))).first()
