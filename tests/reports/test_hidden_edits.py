"""While an operator hides an item its author may not edit it (their edit would undo the
hiding): every edit path refuses with the reason, in the handset's charset, and writes
nothing; once the item is shown again the same edit goes through. Deleting stays allowed."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from carriers.uploads import can_upload_files
from keitai.db import db
from keitai.features.endorsements import service as endorsements
from keitai.models import (
    Diary,
    Endorsement,
    Member,
    Picture,
    Profile,
    ProfileField,
    Topic,
    TopicPhoto,
    Video,
)
from keitai.moderation import items
from keitai.moderation.hidden import HIDDEN_TEXT, HIDDEN_TITLE, HiddenByOperators
from tests.albums.conftest import photo_bytes
from tests.handsets import page_forms
from tests.reports.conftest import World
from tests.social.conftest import Browser, befriend
from tests.videos.conftest import add, premium_member  # noqa: F401

#: a cookie-less docomo handset (Shift_JIS, the token in every address) and a PC
HANDSETS = ["docomo-N505i", "pc-Firefox"]
OPERATOR = 999
REFUSED = HiddenByOperators.default_message
PROFILE_REFUSED = "プロフィールは運営により非表示にされているため"


def act(app, do: Callable[..., Any], *args: Any) -> None:
    """Run an operator's act in its own unit of work, committed."""
    with app.test_request_context():
        do(*args)
        db.session.commit()


def value(app, model: Any, key: Any, attr: str) -> Any:
    with app.app_context():
        row = db.session.get(model, key)
        found = None if row is None else getattr(row, attr)
        db.session.remove()
        return found


def assert_refused(browser: Browser, response: Any, message: str = REFUSED) -> None:
    """The edit was refused with its reason, on a page in the handset's charset."""
    assert response.status_int == 403, response.status
    charset = (response.charset or "").lower().replace("-", "_")
    assert charset == browser.handset.charset.lower().replace("-", "_")
    assert message in browser.text(response)


def form_to(response: Any, url: str) -> int:
    """Return the index of the page's first form that is sent to url."""
    for index, form in enumerate(page_forms(response)):
        if form.action.split("?")[0] == url:
            return index
    raise AssertionError(f"no form sent to {url}")


def edit(browser: Browser, url: str, fields: dict[str, str], **kwargs: Any) -> Any:
    """Open an edit page and send its form with fields filled in (a field not named is not
    sent: the page keeps what it holds)."""
    page = browser.get(url)
    return browser.submit(page, fields, form_to(page, url), **kwargs)


def upload(browser: Browser, url: str) -> Any:
    """Send a photo from an upload page's form."""
    form = page_forms(browser.get(url))[0]
    return browser.post(form.action, dict(form.fields), expect_errors=True,
                        upload_files=[("photo", "a.jpg", photo_bytes(320, 240))])


@pytest.mark.parametrize("name", HANDSETS)
def test_a_hidden_diary_is_not_edited_until_it_is_shown_again(app, world: World, logged_in,
                                                              name) -> None:
    author = logged_in(name, world.author)
    diary_id = world.ids["diary"]
    url = f"/diary/{diary_id}/edit"
    act(app, items.hide, "diary", diary_id, OPERATOR)
    refused = edit(author, url, {"title": "書き換え", "body": "運営に隠された日記を直す",
                                "visibility": "everyone"},
                   expect_errors=True)
    assert_refused(author, refused)
    assert value(app, Diary, diary_id, "title") == HIDDEN_TITLE
    assert value(app, Diary, diary_id, "body") == HIDDEN_TEXT
    if can_upload_files(author.handset):  # its photos page adds nothing either
        assert_refused(author, upload(author, f"/diary/{diary_id}/photos"))
        with app.app_context():
            assert db.session.scalars(select(Picture).where(
                Picture.diary_id == diary_id)).all() == []
    act(app, items.unhide, "diary", diary_id)
    done = edit(author, url, {"title": "書き換え", "body": "書き直した本文",
                               "visibility": "everyone"})
    assert done.status_int in (302, 303)
    assert value(app, Diary, diary_id, "title") == "書き換え"
    assert value(app, Diary, diary_id, "body") == "書き直した本文"
    if can_upload_files(author.handset):
        assert upload(author, f"/diary/{diary_id}/photos").status_int in (302, 303)


@pytest.mark.parametrize("name", HANDSETS)
def test_a_hidden_picture_caption_and_topic_photo_are_not_changed(app, world: World,
                                                                  logged_in, name) -> None:
    author = logged_in(name, world.author)
    picture_id, topic_id = world.ids["picture"], world.ids["topic"]
    act(app, items.hide, "picture", picture_id, OPERATOR)
    act(app, items.hide, "topic", topic_id, OPERATOR)
    url = f"/photos/{picture_id}/edit"
    assert_refused(author, edit(author, url, {"caption": "新しい説明"}, expect_errors=True))
    assert value(app, Picture, picture_id, "caption") == HIDDEN_TITLE
    if can_upload_files(author.handset):
        assert_refused(author, upload(author, f"/topics/{topic_id}/photo"))
        with app.app_context():
            assert db.session.get(TopicPhoto, topic_id) is None
    act(app, items.unhide, "picture", picture_id)
    act(app, items.unhide, "topic", topic_id)
    assert edit(author, url, {"caption": "新しい説明"}).status_int in (302, 303)
    assert value(app, Picture, picture_id, "caption") == "新しい説明"
    if can_upload_files(author.handset):
        assert upload(author, f"/topics/{topic_id}/photo").status_int in (302, 303)
    assert value(app, Topic, topic_id, "title") != HIDDEN_TITLE


@pytest.mark.parametrize("name", HANDSETS)
def test_a_hidden_profile_keeps_its_words_but_not_the_rest(app, world: World, logged_in,
                                                           name) -> None:
    author = logged_in(name, world.author)
    act(app, items.hide, "profile", world.author, OPERATOR)
    # new words in the self-introduction: refused, nothing written (the nickname neither)
    refused = edit(author, "/settings/profile", {"nickname": "はな", "introduction": "戻した"},
                   expect_errors=True)
    assert_refused(author, refused, PROFILE_REFUSED)
    assert value(app, Profile, world.author, "introduction") == HIDDEN_TEXT
    assert value(app, Member, world.author, "nickname") == "はなこ"
    # the nickname alone (the introduction as the form shows it): changed
    done = edit(author, "/settings/profile", {"nickname": "はな"})
    assert done.status_int in (302, 303)
    assert value(app, Member, world.author, "nickname") == "はな"
    assert value(app, Profile, world.author, "introduction") == HIDDEN_TEXT
    # a free-text field: refused; a choice: changed
    refused = edit(author, "/settings/profile/fields", {"f_hobbies": "つり"},
                   expect_errors=True)
    assert_refused(author, refused, PROFILE_REFUSED)
    assert value(app, ProfileField, (world.author, "hobbies"), "value") is None
    done = edit(author, "/settings/profile/fields", {"f_prefecture": "13"})
    assert done.status_int in (302, 303)
    assert value(app, ProfileField, (world.author, "prefecture"), "value") == "13"
    act(app, items.unhide, "profile", world.author)
    assert "自己紹介らーめん最高" == value(app, Profile, world.author, "introduction")
    done = edit(author, "/settings/profile", {"introduction": "書き直した自己紹介"})
    assert done.status_int in (302, 303)
    assert value(app, Profile, world.author, "introduction") == "書き直した自己紹介"
    done = edit(author, "/settings/profile/fields", {"f_hobbies": "つり"})
    assert done.status_int in (302, 303)
    assert value(app, ProfileField, (world.author, "hobbies"), "value") == "つり"


@pytest.mark.parametrize("name", HANDSETS)
def test_a_hidden_video_and_endorsement_are_not_rewritten(app, world: World, logged_in,
                                                          premium_member, name) -> None:  # noqa: F811
    owner = premium_member("ゆうこ")
    befriend(app, owner, world.reader)
    video_id = add(app, owner, b"not yet made", title="ねこの動画")
    with app.app_context():
        endorsements.write(owner, world.reader, "同級生", "やさしい人です")
        db.session.commit()
        endorsement_id = db.session.scalar(select(Endorsement.id).where(
            Endorsement.author_id == owner))
    assert endorsement_id is not None
    browser = logged_in(name, owner)
    act(app, items.hide, "video", video_id, OPERATOR)
    act(app, items.hide, "endorsement", endorsement_id, OPERATOR)
    video_url = f"/videos/{video_id}/edit"
    renamed = {"title": "いぬの動画", "visibility": "everyone"}
    rewritten = {"relation": "同級生", "body": "書き直し"}
    assert_refused(browser, edit(browser, video_url, renamed, expect_errors=True))
    assert value(app, Video, video_id, "title") == HIDDEN_TITLE
    write_url = f"/members/{world.reader}/endorsements/write"
    assert_refused(browser, edit(browser, write_url, rewritten, expect_errors=True))
    assert value(app, Endorsement, endorsement_id, "body") == HIDDEN_TEXT
    act(app, items.unhide, "video", video_id)
    act(app, items.unhide, "endorsement", endorsement_id)
    assert edit(browser, video_url, renamed).status_int in (302, 303)
    assert value(app, Video, video_id, "title") == "いぬの動画"
    assert edit(browser, write_url, rewritten).status_int in (302, 303)
    assert value(app, Endorsement, endorsement_id, "body") == "書き直し"


def test_the_author_still_deletes_a_hidden_item(app, world: World, logged_in) -> None:
    author = logged_in("docomo-N505i", world.author)
    diary_id = world.ids["diary"]
    act(app, items.hide, "diary", diary_id, OPERATOR)
    page = author.get(f"/diary/{diary_id}/delete")
    assert author.submit(page).status_int in (302, 303)
    assert value(app, Diary, diary_id, "title") is None
