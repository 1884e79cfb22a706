"""What a sign-up does for the inviter: friends at once when they said they know the invitee.

The friendship is made the way accepting a friend request makes one (keitai.features.friends):
both members' friend_counts rows locked in id order, the limit checked on fresh counts, both
rows inserted, the feeds filled in and their caches forgotten after the commit. An inviter at
the friend limit (and no celebrity) gets no friendship; the sign-up goes on all the same.
"""
from __future__ import annotations

import logging

from sqlalchemy import select

from keitai import hot, notices
from keitai.db import db
from keitai.features.diary import feed
from keitai.features.friends import limits
from keitai.models.base import utcnow
from keitai.models.friendship import Friendship
from keitai.models.invitation import Invitation
from keitai.models.member import Member
from keitai.privacy import are_friends
from keitai.upsert import insert_ignore

log = logging.getLogger(__name__)
WELCOME = "登録が完了しました。ようこそ!"


def befriend_inviter(invitation: Invitation, member: Member) -> bool:
    """Make the new member and their inviter friends when the inviter knows them, and tell
    the inviter; return True when they are friends now."""
    inviter_id = invitation.inviter_id
    if inviter_id is None or not invitation.knows_invitee:
        return False  # an operator's invitation, or "do not know": nothing automatic
    limits.lock_members([inviter_id, member.id])
    if limits.members_over(limits.current_counts([inviter_id])):
        log.info("member %s joined; inviter %s is at the friend limit", member.id, inviter_id)
        _tell(inviter_id, f"{member.nickname}さんが招待に応じて登録しました。"
                          "マイミクが上限に達しているため、マイミクにはなっていません。")
        return False
    now = utcnow()
    insert_ignore(Friendship, [
        {"member_id": inviter_id, "friend_id": member.id, "created_at": now},
        {"member_id": member.id, "friend_id": inviter_id, "created_at": now}])
    feed.friendship_made([(inviter_id, member.id), (member.id, inviter_id)])
    hot.feed_changed([inviter_id, member.id])
    limits.refresh_counts([inviter_id, member.id])
    _tell(inviter_id, f"{member.nickname}さんが招待に応じて登録し、マイミクになりました")
    notices.notify(inviter_id, "friend_joined", "profile.show", {"member_id": member.id},
                   actor_id=member.id)
    return True


def _tell(member_id: int, text: str) -> None:
    """Leave a notice on the member's home (the announcements feature keeps them)."""
    from keitai.features.announcements import service as announcements

    announcements.tell(member_id, text)


def welcome(member_id: int) -> str:
    """Return the line the new member's first page shows: the welcome, and who invited them."""
    row = db.session.execute(
        select(Member.id, Member.nickname).join(Invitation, Invitation.inviter_id == Member.id)
        .where(Invitation.member_id == member_id).order_by(Invitation.id.desc()).limit(1)).first()
    if row is None:
        return WELCOME
    inviter_id, nickname = row
    if are_friends(member_id, inviter_id):
        return f"{WELCOME} {nickname}さんとマイミクになりました。"
    return f"{WELCOME} {nickname}さんの招待で登録しました。"
