"""What operators do to an item (keitai.moderation.items): hide it from everyone and show it
again exactly, delete it, delete everything a member wrote; and the reported items' list."""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from keitai.db import db
from keitai.features.reports import service
from keitai.models import (
    Album,
    Comment,
    Community,
    CommunityMember,
    Diary,
    Message,
    Picture,
    PictureComment,
    Poll,
    PollChoice,
    Profile,
    Topic,
    TopicComment,
)
from keitai.moderation import items
from keitai.moderation.hidden import HIDDEN_TEXT, HIDDEN_TITLE
from tests.albums.conftest import image_addresses
from tests.outbox import run_jobs
from tests.reports.conftest import WORDS, World
from tests.search.conftest import hits, search

#: a member id standing for the operator
OPERATOR = 999


def snapshot(app, world: World) -> dict[str, Any]:
    """Return every visible word of every item, as the rows hold them."""
    ids = world.ids
    with app.app_context():
        get = db.session.get
        return {
            "profile": get(Profile, ids["profile"]).introduction,
            "diary": (get(Diary, ids["diary"]).title, get(Diary, ids["diary"]).body),
            "diary_comment": get(Comment, ids["diary_comment"]).body,
            "message": (get(Message, ids["message"]).subject, get(Message, ids["message"]).body),
            "picture": get(Picture, ids["picture"]).caption,
            "picture_comment": get(PictureComment, ids["picture_comment"]).body,
            "community": (get(Community, ids["community"]).name,
                          get(Community, ids["community"]).description),
            "topic": (get(Topic, ids["topic"]).title, get(Topic, ids["topic"]).body),
            "topic_comment": get(TopicComment, ids["topic_comment"]).body,
            "event": (get(Topic, ids["event"]).title, get(Topic, ids["event"]).body),
            "poll": (get(Poll, ids["poll"]).question, sorted(db.session.scalars(
                select(PollChoice.label).where(PollChoice.poll_id == ids["poll"])))),
        }


def act(app, do, *args: Any) -> Any:
    """Run an operator's act in its own unit of work, committed."""
    with app.test_request_context():
        result = do(*args)
        db.session.commit()
        return result


def hide_all(app, world: World) -> None:
    for kind, item_id in world.ids.items():
        act(app, items.hide, kind, item_id, OPERATOR)


def pages(world: World) -> list[str]:
    ids = world.ids
    return [f"/members/{world.author}", f"/diary/{ids['diary']}",
            f"/members/{world.author}/diary", f"/messages/{ids['message']}", "/messages",
            f"/photos/{ids['picture']}", f"/communities/{ids['community']}",
            f"/topics/{ids['topic']}", f"/events/{ids['event']}", f"/polls/{ids['poll']}",
            f"/communities/{ids['community']}/topics"]


def test_a_hidden_item_shows_the_placeholder_to_everyone_on_pages_and_in_lists(
        app, world: World, logged_in) -> None:
    reader = logged_in("docomo-N505i", world.reader)
    author = logged_in("au-W53CA", world.author)
    before = "".join(reader.page(path) for path in pages(world))
    assert WORDS in before and HIDDEN_TEXT not in before
    hide_all(app, world)
    for browser in (reader, author):
        for path in pages(world):
            if path == "/messages" and browser is author:
                path = "/messages/sent"
            page = browser.page(path)
            assert WORDS not in page, path
        assert HIDDEN_TEXT in browser.page(f"/diary/{world.ids['diary']}")
        assert HIDDEN_TITLE in browser.page(f"/communities/{world.ids['community']}/topics")
    assert HIDDEN_TITLE in reader.page("/messages")
    with app.app_context():
        loaded = {kind: items.load(kind, item_id) for kind, item_id in world.ids.items()}
    # the operator still reads what was written
    assert all(item is not None and item.hidden and WORDS in item.title + item.text
               for item in loaded.values()), loaded


def test_the_image_of_a_hidden_picture_is_refused_even_to_its_owner(app, world: World,
                                                                    logged_in) -> None:
    reader = logged_in("pc-Firefox", world.reader)
    owner = logged_in("pc-Firefox", world.author)
    photo = f"/photos/{world.ids['picture']}"
    addresses = {who: image_addresses(browser.page(photo))
                 for who, browser in (("reader", reader), ("owner", owner))}
    assert all(addresses.values())
    assert reader.get(addresses["reader"][0]).status_int == 200
    act(app, items.hide, "picture", world.ids["picture"], OPERATOR)
    assert reader.get(addresses["reader"][0], expect_errors=True).status_int == 404
    assert owner.get(addresses["owner"][0], expect_errors=True).status_int == 404
    act(app, items.unhide, "picture", world.ids["picture"])
    assert reader.get(addresses["reader"][0]).status_int == 200


def test_the_search_forgets_the_hidden_words_and_finds_them_again(app, world: World,
                                                                  logged_in) -> None:
    run_jobs(app)
    reader = logged_in("docomo-P903i", world.reader)
    kinds = {"diaries": f"日記{WORDS}", "communities": f"麺の会{WORDS}",
             "topics": f"トピック{WORDS}"}
    for kind, title in kinds.items():
        assert title in hits(search(reader, "らーめん最高", kind)), kind
    for kind in ("diary", "community", "topic", "event"):
        act(app, items.hide, kind, world.ids[kind], OPERATOR)
    run_jobs(app)
    for kind in kinds:
        assert hits(search(reader, "らーめん最高", kind)) == [], kind
    for kind in ("diary", "community", "topic", "event"):
        act(app, items.unhide, kind, world.ids[kind])
    run_jobs(app)
    for kind, title in kinds.items():
        assert title in hits(search(reader, "らーめん最高", kind)), kind


def test_unhide_gives_back_exactly_what_was_written(app, world: World) -> None:
    before = snapshot(app, world)
    hide_all(app, world)
    hidden = snapshot(app, world)
    assert hidden["diary"] == (HIDDEN_TITLE, HIDDEN_TEXT)
    assert hidden["poll"] == (HIDDEN_TITLE, [HIDDEN_TITLE, HIDDEN_TITLE])
    assert hidden["profile"] == HIDDEN_TEXT and hidden["topic_comment"] == HIDDEN_TEXT
    for kind, item_id in world.ids.items():
        act(app, items.unhide, kind, item_id)
        with app.app_context():
            assert not items.load(kind, item_id).hidden  # type: ignore[union-attr]
    assert snapshot(app, world) == before
    # hiding twice keeps the first words; showing twice changes nothing
    act(app, items.hide, "diary", world.ids["diary"], OPERATOR)
    act(app, items.hide, "diary", world.ids["diary"], OPERATOR)
    act(app, items.unhide, "diary", world.ids["diary"])
    act(app, items.unhide, "diary", world.ids["diary"])
    assert snapshot(app, world) == before


def count(app, model: Any, *where: Any) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model).where(*where)))


def test_delete_goes_through_the_features(app, world: World, logged_in) -> None:
    ids = world.ids
    album_id = count(app, Album)  # one album
    act(app, items.delete, "picture_comment", ids["picture_comment"])
    act(app, items.delete, "topic_comment", ids["topic_comment"])
    with app.app_context():
        comment = db.session.get(TopicComment, ids["topic_comment"])
        assert comment is not None and comment.deleted and comment.body == ""
        assert db.session.get(Topic, ids["topic"]).comment_count == 1  # numbers stay
    act(app, items.delete, "picture", ids["picture"])
    with app.app_context():
        assert db.session.scalar(select(Album.picture_count)) == 0
    for kind in ("diary_comment", "message", "diary", "event", "poll", "topic", "profile",
                 "community"):
        act(app, items.delete, kind, ids[kind])
    with app.app_context():
        for kind, item_id in ids.items():
            if kind != "profile":
                assert items.load(kind, item_id) is None, kind
        profile = items.load("profile", world.author)
        assert profile is not None and profile.text == ""
        with pytest.raises(items.ItemNotFound):
            items.delete("diary", ids["diary"])
    assert album_id == 1
    page = logged_in("docomo-N505i", world.reader).page("/messages")
    assert WORDS not in page


def test_delete_everything_by_leaves_nothing_of_the_member(app, world: World, member,
                                                           logged_in) -> None:
    from tests.communities.factories import add_community

    ids = world.ids
    alone = add_community(app, world.author, "ひとりの会")
    others_diary = 0
    with app.test_request_context():
        from keitai import submit_keys
        from keitai.features.diary import service as diary

        others_diary = diary.create_diary(world.reader, "たろうの日記", "本文", "everyone",
                                          submit_keys.new_key())
        diary.add_comment(others_diary, world.author, "はなこのコメント", submit_keys.new_key())
        diary.add_comment(others_diary, world.other, "じろうのコメント", submit_keys.new_key())
        db.session.commit()
    gone = act(app, items.delete_everything_by, world.author)
    # her 10 items (the community passes on), her album, her comment on たろう's diary and
    # the community nobody else was in
    assert gone == 13
    author = world.author
    assert count(app, Diary, Diary.author_id == author) == 0
    assert count(app, Comment, Comment.author_id == author) == 0
    assert count(app, Picture, Picture.owner_id == author) == 0
    assert count(app, Album, Album.owner_id == author) == 0
    assert count(app, PictureComment, PictureComment.author_id == author) == 0
    assert count(app, Message, Message.sender_id == author) == 0
    assert count(app, Topic, Topic.author_id == author) == 0
    assert count(app, Poll, Poll.author_id == author) == 0
    assert count(app, TopicComment, TopicComment.author_id == author,
                 TopicComment.deleted.is_(False)) == 0
    assert count(app, Community, Community.id == alone) == 0
    with app.app_context():
        assert db.session.get(Profile, author).introduction == ""
        community = db.session.get(Community, ids["community"])
        assert community is not None and community.member_count == 3
        admin = db.session.scalar(select(CommunityMember.member_id).where(
            CommunityMember.community_id == ids["community"], CommunityMember.role == "admin"))
        assert admin == world.reader
    # what others wrote stays, and the counts on the pages are right
    page = logged_in("docomo-P903i", world.reader).page(f"/diary/{others_diary}")
    assert "じろうのコメント" in page and "はなこのコメント" not in page
    assert count(app, Comment, Comment.diary_id == others_diary) == 1
    assert act(app, items.delete_everything_by, world.author) == 0


def test_reported_lists_the_newest_or_the_most_reported_first(app, world: World, member,
                                                              logged_in) -> None:
    more = [member(f"読者{n}") for n in range(3)]
    from tests.social.conftest import befriend

    befriend(app, world.author, *more)

    def report(reporter: int, kind: str) -> None:
        act(app, service.report, reporter, kind, world.ids[kind], "spam", "")

    for reporter in more:
        report(reporter, "diary")
    report(world.reader, "diary")
    report(world.reader, "profile")
    report(more[0], "profile")
    report(world.reader, "poll")
    with app.app_context():
        newest = service.reported("newest")
        most = service.reported("most")
    assert [(r.kind, r.count) for r in newest] == [("poll", 1), ("profile", 2), ("diary", 4)]
    assert [(r.kind, r.count) for r in most] == [("diary", 4), ("profile", 2), ("poll", 1)]
    assert newest[0].item is not None and newest[0].item.title.startswith("好きな味は")
    assert act(app, service.close, "diary", world.ids["diary"], OPERATOR) == 4
    with app.app_context():
        assert [r.kind for r in service.reported("most")] == ["profile", "poll"]
        assert [r.kind for r in service.reported("most", open_only=False)][0] == "diary"
        found = service.reports_for("diary", world.ids["diary"])
        assert len(found) == 4 and all(r.handled_by == OPERATOR for r in found)
        assert found[0].reporter_id == world.reader and found[0].author_id == world.author
    assert act(app, service.close, "diary", world.ids["diary"], OPERATOR) == 0



def test_a_new_item_that_gets_a_deleted_hidden_items_id_is_not_hidden(app, world: World,
                                                                      logged_in) -> None:
    from tests.albums.conftest import make_photo

    act(app, items.hide, "picture", world.ids["picture"], OPERATOR)
    with app.test_request_context():  # its owner deletes it herself
        from keitai.features.albums.pictures import delete_picture

        album_id = delete_picture(world.ids["picture"], world.author)
        db.session.commit()
    again = make_photo(app, world.author, album_id=album_id, caption="新しい写真")
    with app.app_context():
        loaded = items.load("picture", again)
        assert loaded is not None and not loaded.hidden and loaded.title == "新しい写真"
    browser = logged_in("pc-Firefox", world.reader)
    address = image_addresses(browser.page(f"/photos/{again}"))[0]
    assert browser.get(address).status_int == 200
    act(app, items.hide, "picture", again, OPERATOR)
    assert browser.get(address, expect_errors=True).status_int == 404
    with app.app_context():
        loaded = items.load("picture", again)
        assert loaded is not None and loaded.hidden and loaded.title == "新しい写真"
