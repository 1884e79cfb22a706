"""The privacy API: who may see content at each visibility, friendship and block."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from keitai.db import db
from keitai.models import ProfileField
from keitai.privacy import Visibility, are_friends, can_see, is_blocked_between
from tests.social.conftest import befriend, block

#: relation of the viewer to the owner -> the levels that viewer may see (no block)
EXPECTED = {
    "owner": {"everyone", "friends", "friends_of_friends", "only_me"},
    "friend": {"everyone", "friends", "friends_of_friends"},
    "friend_of_friend": {"everyone", "friends_of_friends"},
    "stranger": {"everyone"},
    "logged_out": set(),
}


@pytest.fixture()
def world(app, member):
    """The owner with one field per visibility, a friend, a friend's friend and a stranger."""
    owner, friend, fof, stranger = (member(n) for n in ("おーなー", "とも", "ともとも", "たにん"))
    befriend(app, owner, friend)
    befriend(app, friend, fof)
    with app.app_context():
        for level in Visibility:
            db.session.add(ProfileField(member_id=owner, name=level.value, value="x",
                                        visibility=level.value))
        db.session.commit()
    return {"owner": owner, "friend": friend, "friend_of_friend": fof, "stranger": stranger,
            "logged_out": None}


def visible_levels(app, viewer):
    with app.app_context():
        return set(db.session.scalars(select(ProfileField.name).where(
            can_see(ProfileField.member_id, ProfileField.visibility, viewer))))


@pytest.mark.parametrize("relation", list(EXPECTED))
def test_each_viewer_sees_the_levels_their_relation_allows(app, world, relation) -> None:
    assert visible_levels(app, world[relation]) == EXPECTED[relation]


@pytest.mark.parametrize("relation", ["friend", "friend_of_friend", "stranger"])
@pytest.mark.parametrize("direction", ["owner_blocks", "viewer_blocks"])
def test_a_block_either_way_hides_everything_but_from_the_owner(app, world, relation,
                                                                 direction) -> None:
    owner, viewer = world["owner"], world[relation]
    block(app, *((owner, viewer) if direction == "owner_blocks" else (viewer, owner)))
    assert visible_levels(app, viewer) == set()
    assert visible_levels(app, owner) == EXPECTED["owner"]


def test_a_block_of_the_shared_friend_does_not_hide_the_friend_of_friend(app, world) -> None:
    block(app, world["friend"], world["friend_of_friend"])
    assert visible_levels(app, world["friend_of_friend"]) == EXPECTED["friend_of_friend"]


@pytest.mark.parametrize("level", list(Visibility))
def test_can_see_takes_a_fixed_owner_and_level_too(app, world, level) -> None:
    with app.app_context():
        seen = db.session.scalar(select(can_see(world["owner"], level, world["stranger"])))
    assert bool(seen) is (level is Visibility.EVERYONE)


def test_are_friends_and_is_blocked_between_read_both_directions(app, world) -> None:
    owner, friend, stranger = world["owner"], world["friend"], world["stranger"]
    block(app, stranger, owner)
    with app.app_context():
        assert are_friends(owner, friend) and are_friends(friend, owner)
        assert not are_friends(owner, stranger)
        assert is_blocked_between(owner, stranger) and is_blocked_between(stranger, owner)
        assert not is_blocked_between(owner, friend)


def test_visibility_labels_are_the_japanese_choices() -> None:
    assert [level.label for level in Visibility] == [
        "全体に公開", "マイミクまで公開", "マイミクのマイミクまで公開", "非公開"]
    assert Visibility.parse("friends") is Visibility.FRIENDS
    assert Visibility.parse("bogus") is Visibility.ONLY_ME


def test_can_see_works_inside_a_query_that_joins_friendships_and_blocks(app, world) -> None:
    """The friends' feed joins friendships itself; the EXISTS must not correlate with it."""
    from keitai.models import Block, Friendship

    friend = world["friend"]
    with app.app_context():
        statement = (select(ProfileField.name)
                     .join(Friendship, Friendship.friend_id == ProfileField.member_id)
                     .outerjoin(Block, Block.blocker_id == ProfileField.member_id)
                     .where(Friendship.member_id == friend,
                            can_see(ProfileField.member_id, ProfileField.visibility, friend)))
        assert set(db.session.scalars(statement)) == EXPECTED["friend"]
