"""Every social page, on every handset family: its charset, media type, size and keys."""
from __future__ import annotations

import pytest
from sqlalchemy import insert

from keitai.db import db
from keitai.features.profile.fields import FIELDS, INTRODUCTION_MAX
from keitai.models import (
    Block,
    Bookmark,
    Endorsement,
    Footprint,
    FriendRequest,
    Profile,
    ProfileField,
)
from tests.handsets import PAGE_PROFILES
from tests.social.conftest import access_key, befriend

PAGES = ["/", "/members/{friend}", "/members/{friend}/more", "/members/{me}",
         "/members/{me}/more", "/friends", "/friends/requests", "/footprints", "/bookmarks",
         "/members/{me}/endorsements", "/settings/blocks", "/settings/profile",
         "/settings/profile/fields", "/settings/photo", "/members/{stranger}/request",
         "/members/{friend}/endorsements/write", "/members/{stranger}/block",
         "/friends/{friend}/remove"]


@pytest.fixture()
def full(app, member):
    """A member whose every list has something, and whose profile is filled to the brim."""
    me, friend, stranger, asker, blocked = (member(n * 10) for n in "あいうえお")
    befriend(app, me, friend)
    with app.app_context():
        db.session.add_all([
            Profile(member_id=me, introduction="ぜ" * INTRODUCTION_MAX),
            FriendRequest(sender_id=asker, recipient_id=me, message="よ" * 500),
            Footprint(member_id=me, visitor_id=friend), Bookmark(member_id=me, target_id=friend),
            Block(blocker_id=me, blocked_id=blocked),
            Endorsement(author_id=friend, subject_id=me, relation="か" * 50, body="き" * 1000),
        ])
        db.session.execute(insert(ProfileField), [
            {"member_id": me, "name": spec.name, "value": "ぶ" * spec.max_length,
             "visibility": "friends_of_friends"} for spec in FIELDS])
        db.session.commit()
    return {"me": me, "friend": friend, "stranger": stranger}


@pytest.mark.parametrize("name", PAGE_PROFILES + ["docomo-D501i"])
def test_every_social_page_fits_the_handset(app, full, logged_in, name) -> None:
    browser = logged_in(name, full["me"])
    for path in PAGES:
        text = browser.page(path.format(**full))
        assert access_key(text, "0", "トップ") or path == "/", path
