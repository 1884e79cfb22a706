"""Videos (動画) and endorsements (紹介文) as items: reported from their pages, hidden from
everyone (a hidden video's files and poster are not served), shown again, deleted, and gone
with everything their author wrote."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select

from keitai.db import db
from keitai.features.endorsements import service as endorsements
from keitai.models import Endorsement, Report, Video, VideoFile
from keitai.models.report import HiddenItem
from keitai.moderation import items
from keitai.moderation.hidden import HIDDEN_TEXT, HIDDEN_TITLE
from tests.handsets import PAGE_PROFILES, assert_fits_handset
from tests.reports.test_report_pages import no_checker_errors, report_href
from tests.social.conftest import access_key, befriend
from tests.videos.conftest import (  # noqa: F401
    clips,
    made_files,
    premium_member,
    ready_video,
    shared_transcoding,
)
from tests.videos.test_pages import file_address, poster_address

#: a cookie-less docomo handset and a PC
HANDSETS = ["docomo-N505i", "pc-Firefox"]
OPERATOR = 999


@dataclass
class Items:
    """はなこ's video and her endorsement of たろう; じろう is a stranger to both."""

    author: int
    subject: int
    stranger: int
    video: int
    endorsement: int


def act(app, do: Callable[..., Any], *args: Any) -> Any:
    with app.test_request_context():
        result = do(*args)
        db.session.commit()
        return result


@pytest.fixture()
def made(app, member, premium_member, ready_video) -> Items:  # noqa: F811
    author = premium_member("はなこ")
    subject, stranger = member("たろう"), member("じろう")
    befriend(app, author, subject)
    _owner, video_id = ready_video(owner=author)
    with app.app_context():
        endorsements.write(author, subject, "幼なじみ", "らーめん好きのいい人です")
        db.session.commit()
        endorsement_id = db.session.scalar(select(Endorsement.id))
    assert endorsement_id is not None
    return Items(author, subject, stranger, video_id, endorsement_id)


def pages(found: Items) -> dict[str, str]:
    return {"video": f"/videos/{found.video}",
            "endorsement": f"/members/{found.subject}/endorsements"}


def count(app, model: Any, *where: Any) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model).where(*where)))


@pytest.mark.parametrize("name", HANDSETS)
def test_a_video_and_an_endorsement_are_reported_from_their_pages(app, made: Items, logged_in,
                                                                  name) -> None:
    ids = {"video": made.video, "endorsement": made.endorsement}
    for reporter in (made.subject, made.stranger):
        browser = logged_in(name, reporter)
        for kind, url in pages(made).items():
            href = report_href(browser.page(url), kind, ids[kind])
            assert href is not None, kind
            form = browser.get(href)
            assert {"動画": "video", "紹介文": "endorsement"}[
                browser.text(form).split("「")[0].split(">")[-1]] == kind
            done = browser.submit(form, {"reason": "spam"})
            text = browser.text(done)
            assert "通報を受け付けました" in text and access_key(text, "9", "元のページへ戻る")
    with app.app_context():
        stored = [(r.kind, r.item_id, r.author_id) for r in db.session.scalars(select(Report))]
    assert sorted(stored) == sorted([("video", made.video, made.author),
                                     ("endorsement", made.endorsement, made.author)] * 2)
    # the author has no link and may not report their own
    author = logged_in(name, made.author)
    for kind, url in pages(made).items():
        assert report_href(author.page(url), kind, ids[kind]) is None
        assert author.get(f"/report/{kind}/{ids[kind]}", status=403).status_int == 403


def test_an_endorsement_its_subject_hid_is_reported_by_the_subject_only(app, made: Items,
                                                                        logged_in) -> None:
    with app.app_context():
        endorsements.set_hidden(made.endorsement, made.subject, True)
        db.session.commit()
    url = f"/report/endorsement/{made.endorsement}"
    stranger = logged_in("pc-Firefox", made.stranger)
    assert stranger.get(url, status=404).status_int == 404
    subject = logged_in("docomo-N505i", made.subject)
    assert report_href(subject.page(pages(made)["endorsement"]), "endorsement",
                       made.endorsement) is not None
    assert "通報を受け付けました" in subject.text(
        subject.submit(subject.get(url), {"reason": "abuse"}))


def test_a_hidden_video_is_not_served_and_a_hidden_endorsement_shows_the_placeholder(
        app, made: Items, logged_in) -> None:
    owner = logged_in("pc-Firefox", made.author)
    reader = logged_in("pc-Firefox", made.subject)
    addresses = {who: (file_address(page), poster_address(page))
                 for who, page in (("owner", owner.page(pages(made)["video"])),
                                   ("reader", reader.page(pages(made)["video"])))}
    for browser, (file, poster) in ((owner, addresses["owner"]),
                                    (reader, addresses["reader"])):
        assert file is not None and poster is not None
        assert browser.get(file).status_int == 200 and browser.get(poster).status_int == 200
    assert "らーめん好き" in reader.page(pages(made)["endorsement"])
    act(app, items.hide, "video", made.video, OPERATOR)
    act(app, items.hide, "endorsement", made.endorsement, OPERATOR)
    for browser, (file, poster) in ((owner, addresses["owner"]),
                                    (reader, addresses["reader"])):
        assert browser.get(file, status=404).status_int == 404
        assert browser.get(poster, status=404).status_int == 404
        page = browser.page(pages(made)["video"])
        assert HIDDEN_TITLE in page and HIDDEN_TEXT in page and "ねこ" not in page
        assert file_address(page) is None and poster_address(page) is None
        listed = "/videos" if browser is owner else f"/members/{made.author}/videos"
        assert "ねこ" not in browser.page(listed) and HIDDEN_TITLE in browser.page(listed)
    for who in (made.subject, made.stranger, made.author):
        page = logged_in("docomo-N505i", who).page(pages(made)["endorsement"])
        assert HIDDEN_TEXT in page and "らーめん好き" not in page and "幼なじみ" not in page
    with app.app_context():  # the operator still reads them
        video, endorsement = items.load("video", made.video), items.load(
            "endorsement", made.endorsement)
        assert video is not None and video.hidden and video.title == "ねこ"
        assert endorsement is not None and endorsement.hidden
        assert endorsement.title == "たろうさんの紹介文"
        assert endorsement.text == "関係: 幼なじみ\nらーめん好きのいい人です"
        assert endorsement.url == pages(made)["endorsement"]
    act(app, items.unhide, "video", made.video)
    act(app, items.unhide, "endorsement", made.endorsement)
    file, poster = addresses["reader"]
    assert reader.get(file).status_int == 200 and reader.get(poster).status_int == 200
    assert "ねこ" in reader.page(pages(made)["video"])
    assert "らーめん好きのいい人です" in reader.page(pages(made)["endorsement"])


def test_a_video_and_an_endorsement_are_deleted(app, made: Items) -> None:
    act(app, items.hide, "video", made.video, OPERATOR)
    act(app, items.delete, "video", made.video)
    act(app, items.delete, "endorsement", made.endorsement)
    assert count(app, Video) == 0 and count(app, VideoFile) == 0
    assert count(app, Endorsement) == 0 and count(app, HiddenItem) == 0
    with pytest.raises(items.ItemNotFound):
        act(app, items.delete, "endorsement", made.endorsement)


def test_everything_by_a_member_takes_their_videos_and_endorsements(app, made: Items,
                                                                    member) -> None:
    other = member("さぶろう")
    befriend(app, other, made.author)
    with app.app_context():  # what others wrote of her stays
        endorsements.write(other, made.author, "同僚", "まじめです")
        db.session.commit()
    act(app, items.hide, "endorsement", made.endorsement, OPERATOR)
    assert act(app, items.delete_everything_by, made.author) == 2
    assert count(app, Video) == 0 and count(app, VideoFile) == 0
    assert count(app, Endorsement, Endorsement.author_id == made.author) == 0
    assert count(app, Endorsement, Endorsement.author_id == other) == 1
    assert count(app, HiddenItem) == 0
    assert act(app, items.delete_everything_by, made.author) == 0


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_the_pages_with_their_report_links_fit_every_handset(app, made: Items, logged_in,
                                                             name) -> None:
    browser = logged_in(name, made.subject)
    act(app, items.hide, "video", made.video, OPERATOR)
    paths = [*pages(made).values(), f"/report/video/{made.video}",
             f"/report/endorsement/{made.endorsement}"]
    for path in paths:
        response = browser.get(path)
        assert_fits_handset(browser.handset, response, browser.text(response))
        no_checker_errors(app, browser, path, response)
