"""A member who goes takes every row of the social graph that names them."""
from __future__ import annotations

import io

from PIL import Image
from sqlalchemy import func, or_, select

from keitai.db import db
from keitai.features.friends.limits import refresh_counts
from keitai.models import (
    Block,
    Bookmark,
    Endorsement,
    Footprint,
    FriendCount,
    FriendRequest,
    Friendship,
    Member,
    Photo,
    PhotoVariant,
    Profile,
    ProfileField,
)
from tests.social.conftest import befriend

#: each table of the social graph and the columns that name a member
MEMBER_COLUMNS = {
    Friendship: ("member_id", "friend_id"), FriendRequest: ("sender_id", "recipient_id"),
    FriendCount: ("member_id",), Block: ("blocker_id", "blocked_id"),
    Profile: ("member_id",), ProfileField: ("member_id",), Photo: ("member_id",),
    Footprint: ("member_id", "visitor_id"), Bookmark: ("member_id", "target_id"),
    Endorsement: ("author_id", "subject_id"),
}


def test_deleting_a_member_leaves_no_rows_that_name_them(app, member, logged_in) -> None:
    gone, friend, other = member("さよなら"), member("とも"), member("ほか")
    befriend(app, gone, friend)
    out = io.BytesIO()
    Image.new("RGB", (20, 20)).save(out, "JPEG")
    with app.app_context():
        refresh_counts([gone, friend])
        db.session.add_all([
            FriendRequest(sender_id=gone, recipient_id=other, message=""),
            Block(blocker_id=other, blocked_id=gone),
            Profile(member_id=gone, introduction="x"),
            ProfileField(member_id=gone, name="hobbies", value="つり"),
            Photo(member_id=gone, key="k" * 32, content_type="image/jpeg", data=out.getvalue(),
                  width=20, height=20),
            Footprint(member_id=friend, visitor_id=gone),
            Footprint(member_id=gone, visitor_id=friend),
            Bookmark(member_id=friend, target_id=gone), Bookmark(member_id=gone, target_id=other),
            Endorsement(author_id=friend, subject_id=gone, relation="a", body="b"),
            Endorsement(author_id=gone, subject_id=friend, relation="a", body="b"),
        ])
        db.session.commit()
    logged_in("pc-Firefox", friend).get(f"/photos/{'k' * 32}/jpeg-240")  # makes a variant
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PhotoVariant)) == 1
        db.session.delete(db.session.get(Member, gone))
        db.session.commit()
        for model, columns in MEMBER_COLUMNS.items():
            naming = or_(*(getattr(model, column) == gone for column in columns))
            assert db.session.scalar(select(func.count()).select_from(model)
                                     .where(naming)) == 0, model.__name__
        assert db.session.scalar(select(func.count()).select_from(PhotoVariant)) == 0
    assert "マイミク(0人)" in logged_in("docomo-N505i", friend).page("/friends")
