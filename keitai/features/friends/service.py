"""Friend requests and friendships: every write holds under double submits and races."""
from __future__ import annotations

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from keitai import hot
from keitai.db import db
from keitai.domain import DomainError
from keitai.features.diary import feed
from keitai.features.friends import limits
from keitai.features.friends.list_privacy import LEVELS
from keitai.models.base import utcnow
from keitai.models.endorsement import Endorsement
from keitai.models.friendship import FriendRequest, Friendship
from keitai.models.profile import Profile
from keitai.notices import notify
from keitai.privacy import Visibility, are_friends, is_blocked_between
from keitai.uow import own_transaction
from keitai.upsert import dialect_insert, insert_ignore

#: the longest message a request carries
MESSAGE_MAX = 500
NOT_POSSIBLE = "この人にはマイミク申請できません。"
ALREADY = "すでにマイミクです。"
ASKED_YOU = "この人からマイミク申請が届いています。マイミク申請一覧から承認してください。"
GONE = "この申請はすでに処理されています。"
NO_SUCH_LEVEL = "公開範囲を選んでください。"


def _full_message(own: bool) -> str:
    limit = limits.friend_limit()
    if own:
        return f"マイミクは{limit}人までです。ほかのマイミクを外してから承認してください。"
    return f"相手のマイミクが{limit}人に達しているため、マイミクになれません。"


def send_request(sender_id: int, recipient_id: int, message: str, knows_person: bool) -> bool:
    """Ask recipient to become friends; return False when the same request was already sent."""
    message = message.strip()
    if len(message) > MESSAGE_MAX:
        raise DomainError(f"メッセージは{MESSAGE_MAX}文字までです。")
    if sender_id == recipient_id or is_blocked_between(sender_id, recipient_id):
        raise DomainError(NOT_POSSIBLE)
    if are_friends(sender_id, recipient_id):
        raise DomainError(ALREADY)
    if db.session.scalar(select(FriendRequest.id).where(
            FriendRequest.sender_id == recipient_id, FriendRequest.recipient_id == sender_id)):
        raise DomainError(ASKED_YOU)
    if limits.members_over(limits.current_counts([sender_id])):
        raise DomainError(_full_message(own=True).replace("承認", "申請"))
    added = insert_ignore(FriendRequest, {
        "sender_id": sender_id, "recipient_id": recipient_id, "message": message,
        "knows_person": knows_person, "created_at": utcnow()})
    hot.news_changed(recipient_id)
    if added == 1:
        notify(recipient_id, "friend_request", "friends.requests", {}, actor_id=sender_id)
    return added == 1


def accept_request(request_id: int, recipient_id: int) -> int:
    """Accept a request sent to the recipient; return the new friend's id."""
    request = db.session.scalar(select(FriendRequest).where(
        FriendRequest.id == request_id, FriendRequest.recipient_id == recipient_id))
    if request is None:
        raise DomainError(GONE)
    sender_id = request.sender_id
    if is_blocked_between(sender_id, recipient_id):
        with own_transaction() as independent:  # a dead request goes, though this is refused
            _forget_requests(sender_id, recipient_id, independent)
        raise DomainError(NOT_POSSIBLE)
    limits.lock_members([sender_id, recipient_id])
    if not are_friends(sender_id, recipient_id):
        over = limits.members_over(limits.current_counts([sender_id, recipient_id]))
        if over:
            raise DomainError(_full_message(own=recipient_id in over))
        now = utcnow()
        insert_ignore(Friendship, [
            {"member_id": sender_id, "friend_id": recipient_id, "created_at": now},
            {"member_id": recipient_id, "friend_id": sender_id, "created_at": now}])
        feed.friendship_made([(sender_id, recipient_id), (recipient_id, sender_id)])
        hot.feed_changed([sender_id, recipient_id])
    _forget_requests(sender_id, recipient_id)
    limits.refresh_counts([sender_id, recipient_id])
    return sender_id


def decline_request(request_id: int, recipient_id: int) -> None:
    """Decline a request sent to the recipient (nothing happens if it is gone)."""
    db.session.execute(delete(FriendRequest).where(
        FriendRequest.id == request_id, FriendRequest.recipient_id == recipient_id))
    hot.news_changed(recipient_id)


def cancel_request(request_id: int, sender_id: int) -> None:
    """Withdraw a request the sender made (nothing happens if it is gone)."""
    gone = db.session.execute(delete(FriendRequest).where(
        FriendRequest.id == request_id, FriendRequest.sender_id == sender_id)
        .returning(FriendRequest.recipient_id))
    hot.news_changed(*gone.scalars())


def remove_friend(member_id: int, friend_id: int) -> None:
    """End a friendship both ways, with the endorsements the two wrote of each other."""
    limits.lock_members([member_id, friend_id])
    db.session.execute(delete(Friendship).where(or_(
        and_(Friendship.member_id == member_id, Friendship.friend_id == friend_id),
        and_(Friendship.member_id == friend_id, Friendship.friend_id == member_id))))
    db.session.execute(delete(Endorsement).where(or_(
        and_(Endorsement.author_id == member_id, Endorsement.subject_id == friend_id),
        and_(Endorsement.author_id == friend_id, Endorsement.subject_id == member_id))))
    limits.refresh_counts([member_id, friend_id])
    hot.feed_changed([member_id, friend_id])


def set_list_level(member_id: int, value: str) -> Visibility:
    """Set who sees the member's friend list (a level of LEVELS); return the level set."""
    level = next((each for each in LEVELS if each.value == value), None)
    if level is None:
        raise DomainError(NO_SUCH_LEVEL)
    values = {"friends_visibility": level.value}
    db.session.execute(dialect_insert(Profile).values(member_id=member_id, **values)
                       .on_conflict_do_update(index_elements=["member_id"], set_=values))
    return level


def _forget_requests(a: int, b: int, session: Session | None = None) -> None:
    hot.news_changed(a, b)
    (session or db.session).execute(delete(FriendRequest).where(or_(
        and_(FriendRequest.sender_id == a, FriendRequest.recipient_id == b),
        and_(FriendRequest.sender_id == b, FriendRequest.recipient_id == a))))
