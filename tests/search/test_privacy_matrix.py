"""Privacy through the search: nothing is found by someone its page would not be shown to.

The matrix runs every visibility against every relation of viewer to owner (the owner, a
friend, a friend of a friend, a stranger), with and without a block either way, and checks
the search against the page itself: found exactly when the page opens.
"""
from __future__ import annotations

from datetime import date

import pytest

from keitai.db import db
from keitai.models import Profile, ProfileField
from keitai.models.member import Member
from keitai.search.indexing import changed
from tests.search.conftest import hits, search
from tests.social.conftest import block

LEVELS = ["everyone", "friends_of_friends", "friends", "only_me"]
RELATIONS = ["owner", "friend", "friend_of_friend", "stranger"]
BLOCKS = ["no block", "owner blocked viewer", "viewer blocked owner"]
#: who sees content at each level
SEES = {"everyone": {"owner", "friend", "friend_of_friend", "stranger"},
        "friends_of_friends": {"owner", "friend", "friend_of_friend"},
        "friends": {"owner", "friend"}, "only_me": {"owner"}}


def _blocking(app, people, relation, blocked) -> None:
    if blocked == "no block" or relation == "owner":
        return
    owner, viewer = people["owner"], people[relation]
    block(app, *((owner, viewer) if blocked == "owner blocked viewer" else (viewer, owner)))


@pytest.mark.parametrize("blocked", BLOCKS)
@pytest.mark.parametrize("relation", RELATIONS)
def test_diaries_are_found_by_those_who_may_read_them(app, people, logged_in, diary, index,
                                                      relation, blocked) -> None:
    ids = {level: diary(people["owner"], f"象の日記{level}", visibility=level)
           for level in LEVELS}
    index()
    _blocking(app, people, relation, blocked)
    browser = logged_in("docomo-P903i", people[relation])
    found = set(hits(search(browser, "象")))
    readable = {f"象の日記{level}" for level in LEVELS
                if browser.get(f"/diary/{ids[level]}", expect_errors=True).status_int == 200}
    assert found == readable
    expected = {f"象の日記{level}" for level in LEVELS if relation in SEES[level]}
    if blocked != "no block" and relation != "owner":
        expected = set()
    assert found == expected


def _profile(app, member_id: int, intro: str, intro_level: str,
             fields: dict[str, tuple[str, str]]) -> None:
    with app.app_context():
        db.session.merge(Profile(member_id=member_id, introduction=intro,
                                 introduction_visibility=intro_level))
        for name, (value, level) in fields.items():
            db.session.merge(ProfileField(member_id=member_id, name=name, value=value,
                                          visibility=level))
        changed("members", member_id)
        db.session.commit()


@pytest.mark.parametrize("blocked", BLOCKS)
@pytest.mark.parametrize("relation", RELATIONS)
def test_profile_words_are_found_only_at_the_visibility_they_are_shown(
        app, people, logged_in, index, relation, blocked) -> None:
    owner = people["owner"]
    # each level's own word: a hobby, a favourite, an occupation, the introduction
    _profile(app, owner, "自己紹介は鰻", "friends_of_friends", {
        "hobbies": ("盆栽", "everyone"), "favorites": ("羊羹", "friends"),
        "occupation": ("漁師", "only_me"), "region": ("渋谷", "friends_of_friends")})
    index()
    _blocking(app, people, relation, blocked)
    browser = logged_in("au-W53CA", people[relation])
    words = {"盆栽": "everyone", "羊羹": "friends", "鰻": "friends_of_friends",
             "渋谷": "friends_of_friends", "漁師": "only_me"}
    for word, level in words.items():
        found = hits(search(browser, word, kind="members")) == ["はなこ"]
        shown = relation in SEES[level] and (blocked == "no block" or relation == "owner")
        assert found == shown, (word, level)
    # the nickname is shown to every member but those blocked either way
    assert (hits(search(browser, "はなこ", kind="members")) == ["はなこ"]) == (
        blocked == "no block" or relation == "owner")
    # two words of two levels together: only where both are shown
    both = hits(search(browser, "盆栽 羊羹", kind="members")) == ["はなこ"]
    assert both == (relation in SEES["friends"] and (blocked == "no block" or
                                                     relation == "owner"))


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("level", LEVELS)
def test_member_filters_match_only_fields_shown_to_the_viewer(app, people, logged_in, index,
                                                              relation, level) -> None:
    owner = people["owner"]
    with app.app_context():
        db.session.get(Member, owner).birth_date = date(1990, 1, 1)
        db.session.commit()
    _profile(app, owner, "", "everyone", {
        "prefecture": ("13", level), "gender": ("female", level), "age": ("", level)})
    index()
    browser = logged_in("softbank-930SH", people[relation])
    shown = relation in SEES[level]
    for filters in ({"pref": "13"}, {"gender": "female"}, {"age_min": 20, "age_max": 60},
                    {"pref": "13", "gender": "female", "age_min": 30}):
        page = search(browser, "", kind="members", **filters)
        assert ("はなこ" in hits(page)) == shown, filters
    # a filter the member does not match never finds them
    assert "はなこ" not in hits(search(browser, "", kind="members", pref="27"))
    assert "はなこ" not in hits(search(browser, "", kind="members", age_max=25))


@pytest.mark.parametrize("membership", ["member", "not a member"])
@pytest.mark.parametrize("topics_for", ["all", "members"])
def test_topics_of_members_only_communities_are_found_by_members_only(
        app, member, logged_in, community, topic, index, membership, topics_for) -> None:
    admin, viewer = member("管理人"), member("読む人")
    group = community(admin, "秘密の会", topic_visibility=topics_for,
                      members=(viewer,) if membership == "member" else ())
    topic(group, admin, "合言葉は山", "川")
    index()
    browser = logged_in("docomo-N06A", viewer)
    found = hits(search(browser, "合言葉", kind="topics"))
    assert found == (["合言葉は山"] if topics_for == "all" or membership == "member" else [])
    # the community itself is found by everyone (its top page is open to all members)
    assert hits(search(browser, "秘密", kind="communities")) == ["秘密の会"]


@pytest.mark.parametrize("blocked", ["author blocked viewer", "viewer blocked author"])
def test_topics_by_a_member_blocked_either_way_are_not_found(app, member, logged_in,
                                                             community, topic, index,
                                                             blocked) -> None:
    admin, author, viewer = member("管理人"), member("書いた人"), member("読む人")
    group = community(admin, "公開の会", members=(author, viewer))
    topic(group, author, "釣りの話")
    topic(group, admin, "釣り大会")
    index()
    block(app, *((author, viewer) if blocked == "author blocked viewer" else (viewer, author)))
    browser = logged_in("pc-Firefox", viewer)
    assert hits(search(browser, "釣り", kind="topics")) == ["釣り大会"]
