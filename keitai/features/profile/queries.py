"""Profile reads: the whole card of a member in one statement, fields filtered by privacy."""
from __future__ import annotations

from sqlalchemy import case, exists, func, literal, select

from keitai.db import db
from keitai.features.profile.fields import BIRTH_FIELDS, ORDER
from keitai.models.bookmark import Bookmark
from keitai.models.friendship import FriendRequest, Friendship
from keitai.models.member import Member
from keitai.models.photo import Photo
from keitai.models.profile import Profile, ProfileField
from keitai.premium import active_condition
from keitai.privacy import can_see, friends_expr, not_blocked
from keitai.rows import AnyRow


def member_card(owner_id: int, viewer_id: int) -> AnyRow | None:
    """Return what a profile page shows of the owner to the viewer, or None when hidden.

    Columns: id, nickname, introduction (None unless the viewer may read it), photo_key,
    friend_count, is_friend, requested (viewer asked owner), asked_me (owner asked viewer),
    bookmarked, premium (the owner is premium now: the page shows the badge). A block
    either way hides the whole card.
    """
    viewer = literal(viewer_id)
    friend_count = (select(func.count()).select_from(Friendship)
                    .where(Friendship.member_id == Member.id).scalar_subquery())
    return db.session.execute(
        select(
            Member.id, Member.nickname,
            case((can_see(Member.id, Profile.introduction_visibility, viewer_id),
                  Profile.introduction), else_=None).label("introduction"),
            Profile.introduction_visibility, Photo.key.label("photo_key"),
            Photo.width.label("photo_width"), Photo.height.label("photo_height"),
            friend_count.label("friend_count"),
            friends_expr(Member.id, viewer).label("is_friend"),
            exists().where(FriendRequest.sender_id == viewer,
                           FriendRequest.recipient_id == Member.id).label("requested"),
            exists().where(FriendRequest.sender_id == Member.id,
                           FriendRequest.recipient_id == viewer).label("asked_me"),
            exists().where(Bookmark.member_id == viewer,
                           Bookmark.target_id == Member.id).label("bookmarked"),
            case((active_condition(), True), else_=False).label("premium"),
        )
        .outerjoin(Profile, Profile.member_id == Member.id)
        .outerjoin(Photo, (Photo.member_id == Member.id) & Photo.is_main)
        .where(Member.id == owner_id, not_blocked(Member.id, viewer_id))
    ).first()


def visible_fields(owner_id: int, viewer_id: int) -> list[AnyRow]:
    """Return the owner's fields the viewer may see, in form order.

    Columns: name, value (a code for a choice), visibility, birth_date (the owner's, which
    年齢 and 誕生日 show; those two are left out while it is unknown).
    """
    rows = db.session.execute(
        select(ProfileField.name, ProfileField.value, ProfileField.visibility,
               Member.birth_date)
        .join(Member, Member.id == ProfileField.member_id)
        .where(ProfileField.member_id == owner_id,
               can_see(ProfileField.member_id, ProfileField.visibility, viewer_id))).all()
    return sorted((row for row in rows if row.name in ORDER
                   and (row.birth_date is not None or row.name not in BIRTH_FIELDS)),
                  key=lambda row: ORDER[row.name])


def own_profile(member_id: int) -> tuple[Profile | None, dict[str, ProfileField]]:
    """Return the member's own profile row and fields by name (for the edit forms)."""
    profile = db.session.get(Profile, member_id)
    fields = db.session.scalars(select(ProfileField).where(ProfileField.member_id == member_id))
    return profile, {field.name: field for field in fields}

