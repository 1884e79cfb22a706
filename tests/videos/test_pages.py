"""The video pages on every handset: the list, the upload form, a video offered the way the
handset's browser plays it (or its poster and a note), edit and delete."""
from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest

from carriers import video as carrier_video
from carriers.handset import forget_per_handset
from keitai.db import db
from keitai.models import Member
from keitai.models.base import utcnow
from tests.handsets import PAGE_PROFILES, page_forms
from tests.outbox import run_jobs
from tests.videos.conftest import add, count_files, file_bytes, make_premium, video_state

#: what each page profile is offered: the file it fetches and how the page links it
OFFERS = {
    "docomo-P903i": ("imotion.3gp", "docomo_object"),
    "docomo-N06A": ("imotion.3gp", "docomo_object"),
    "au-W53CA": ("ezmovie.3g2", "au_object"),
    "au-C5001T": ("ezmovie.3g2", "au_object"),
    "softbank-930SH": ("sbmovie.3gp", "link"),
    "smartphone-iPhone": ("web.mp4", "video"),
    "pc-Firefox": ("web.mp4", "video"),
}
_FILE = re.compile(r'(?:href|data|src)="(/videos/\d+/[a-z]+\.(?:3gp|3g2|mp4)\?[^"#]*)"')
_POSTER = re.compile(r'(?:href|src|poster)="(/videos/\d+/poster/[a-z]+-\d+\.(?:jpg|gif|png)'
                     r'\?[^"]*)"')


def file_address(text: str) -> str | None:
    """Return the video file address a page offers."""
    found = _FILE.search(text)
    return html.unescape(found.group(1)) if found else None


def poster_address(text: str) -> str | None:
    """Return the poster address a page shows."""
    found = _POSTER.search(text)
    return html.unescape(found.group(1)) if found else None


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_every_video_page_fits_every_handset(app, ready_video, logged_in, name) -> None:
    owner, video_id = ready_video()
    browser = logged_in(name, owner)
    for url in ("/videos", "/videos/new", f"/videos/{video_id}", f"/videos/{video_id}/edit",
                f"/videos/{video_id}/delete", f"/members/{owner}/videos"):
        response = browser.get(url)
        if response.status_int == 302:
            response = response.follow()
        browser.page(response.request.path_qs if response.request else url)
    text = browser.page("/videos")
    assert "ねこ" in text and "動画を投稿" in text


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_a_video_is_offered_as_the_handset_plays_it_or_as_its_poster(
        app, ready_video, logged_in, premium_member, handset, name) -> None:
    owner, video_id = ready_video()
    viewer = premium_member("たろう")
    browser = logged_in(name, viewer)
    text = browser.page(f"/videos/{video_id}")
    assert "ねこ" in text
    poster = poster_address(text)
    assert poster is not None
    image = handset(name).get(poster)  # as an <img> is fetched: no session
    assert image.content_type.startswith("image/")
    offered = OFFERS.get(name)
    url = file_address(text)
    if offered is None:
        assert url is None
        assert "この機種では動画を再生できません" in text
        return
    file_name, embed = offered
    assert url is not None and f"/{file_name}?" in url
    rendition = file_name.split(".")[0]
    data = file_bytes(app, video_id, rendition)
    if embed == "docomo_object":
        assert re.search(r'<object declare(="declare")? id="v\d+" data="[^"]+" '
                         r'type="video/3gpp"><param name="count" value="0"', text)
        assert re.search(r'<a href="#v\d+"', text)
    elif embed == "au_object":
        assert 'type="video/3gpp2" copyright="yes" standby="再生する(' in text
        assert '<param name="disposition" value="devmpzz" valuetype="data" />' in text
        assert f'<param name="size" value="{len(data)}" valuetype="data" />' in text
        assert '<param name="title" value="ねこ" valuetype="data" />' in text
    elif embed == "video":
        assert re.search(r'<video src="[^"]+" poster="[^"]+" controls="controls"', text)
    else:
        assert re.search(r'<a href="/videos/\d+/sbmovie\.3gp\?[^"]*" accesskey="5"', text)
    # the handset's player fetches it without the page's session
    response = handset(name).get(url)
    assert response.body == data
    assert response.headers["Content-Length"] == str(len(data))
    assert response.headers["Content-Type"] == {"3gp": "video/3gpp", "3g2": "video/3gpp2",
                                                "mp4": "video/mp4"}[file_name[-3:]]
    assert response.headers["Accept-Ranges"] == "bytes"
    assert "Last-Modified" in response.headers
    copyright_header = response.headers.get("x-jphone-copyright")
    assert copyright_header == ("no-transfer" if name.startswith("softbank") else None)


def test_a_video_too_large_for_the_handset_shows_the_poster_and_why(
        app, ready_video, logged_in, monkeypatch) -> None:
    owner, video_id = ready_video()
    monkeypatch.setattr(carrier_video, "AU_LIMIT", 1024)
    forget_per_handset()  # playback_for keeps its answer per handset
    try:
        text = logged_in("au-C5001T", owner).page(f"/videos/{video_id}")
    finally:
        forget_per_handset()
    assert "再生できる大きさ(1KB)を超えている" in text
    assert file_address(text) is None and poster_address(text) is not None


def test_a_pc_uploads_a_video_and_sees_it_made(app, clips, premium_member, logged_in,
                                                shared_transcoding) -> None:
    owner = premium_member()
    browser = logged_in("pc-Firefox", owner)
    page = browser.get("/videos/new")
    form = page_forms(page)[0]
    sent = browser.post(form.action, dict(form.fields),
                        upload_files=[("video", "ねこ.mp4", clips["short"])])
    assert sent.status_int == 302
    text = browser.page(sent.headers["Location"])
    assert "変換中" in text
    run_jobs(app)
    text = browser.page(sent.headers["Location"])
    assert "変換中" not in text and file_address(text) is not None


def test_an_upload_larger_than_the_app_wide_form_limit_is_taken(app, premium_member,
                                                                 logged_in) -> None:
    app.config["MAX_CONTENT_LENGTH"] = 10_000
    owner = premium_member()
    browser = logged_in("pc-Firefox", owner)
    page = browser.get("/videos/new")
    form = page_forms(page)[0]
    sent = browser.post(form.action, dict(form.fields),
                        upload_files=[("video", "big.mp4", b"\0" * 50_000)])
    assert sent.status_int == 302  # taken; the worker will find it is no video
    app.config["VIDEO_MAX_BYTES"] = 20_000
    refused = browser.post(form.action, dict(form.fields),
                           upload_files=[("video", "big.mp4", b"\0" * 200_000)],
                           status=413)
    assert refused.status_int == 413


@pytest.mark.parametrize("name", ["docomo-P903i", "au-W53CA", "softbank-930SH"])
def test_a_handset_that_cannot_send_files_is_told_to_post_by_mail(
        app, premium_member, logged_in, name) -> None:
    text = logged_in(name, premium_member()).page("/videos/new")
    assert "メールに添付して" in text and 'type="file"' not in text
    if "mail_post.settings" in app.view_functions:  # the page with the posting address
        assert 'href="/settings/mail_post' in text


def test_a_member_who_is_not_premium_is_pointed_to_premium(app, member, logged_in,
                                                          clips) -> None:
    browser = logged_in("pc-Firefox", member("たろう"))
    text = browser.page("/videos/new")
    assert "プレミアム会員" in text and 'href="/premium' in text
    assert 'type="file"' not in text
    assert 'type="file"' not in browser.page("/videos")


def test_a_member_who_is_not_premium_has_an_upload_refused(app, member, logged_in,
                                                           premium_member, clips) -> None:
    owner = member("たろう")
    browser = logged_in("pc-Firefox", owner)
    make_premium(app, owner)
    form = page_forms(browser.get("/videos/new"))[0]
    with app.app_context():  # premium ends while the form is open
        found = db.session.get(Member, owner)
        assert found is not None
        found.premium_until = utcnow() - timedelta(seconds=1)
        db.session.commit()
    sent = browser.post(form.action, dict(form.fields),
                        upload_files=[("video", "a.mp4", clips["short"])])
    text = browser.text(sent)
    assert "プレミアム会員</a>の機能です" in text and 'href="/premium' in text
    assert count_files(app) == 0


@pytest.mark.parametrize("name", ["docomo-N505i", "au-W53CA", "softbank-930SH", "pc-Firefox"])
def test_the_owner_edits_the_title_and_who_may_see(app, ready_video, logged_in, name) -> None:
    owner, video_id = ready_video()
    browser = logged_in(name, owner)
    page = browser.get(f"/videos/{video_id}/edit")
    sent = browser.submit(page, {"title": "いぬ ☆", "visibility": "only_me"})
    assert sent.status_int == 302
    text = browser.page(f"/videos/{video_id}")
    assert "いぬ" in text and "非公開" in text
    refused = browser.submit(browser.get(f"/videos/{video_id}/edit"), {"title": " "})
    assert "タイトルを入力してください" in browser.text(refused)


@pytest.mark.parametrize("name", ["docomo-N505i", "pc-Firefox"])
def test_the_owner_deletes_a_video_with_its_files_after_confirming(app, ready_video,
                                                                   logged_in, name) -> None:
    owner, video_id = ready_video()
    browser = logged_in(name, owner)
    page = browser.get(f"/videos/{video_id}/delete")
    assert "削除します" in browser.text(page)
    sent = browser.submit(page)
    assert sent.status_int == 302
    assert "動画を削除しました" in browser.page("/videos")
    assert count_files(app) == 0
    assert browser.get(f"/videos/{video_id}", status=404).status_int == 404


def test_only_the_owner_edits_or_deletes(app, ready_video, logged_in, premium_member) -> None:
    owner, video_id = ready_video()
    other = logged_in("pc-Firefox", premium_member("たろう"))
    assert other.get(f"/videos/{video_id}/edit", status=403).status_int == 403
    assert other.get(f"/videos/{video_id}/delete", status=403).status_int == 403
    fields = page_forms(other.get("/videos/new"))[0].fields  # their own CSRF secret
    refused = other.post(f"/videos/{video_id}/delete", fields, status=403)
    assert refused.status_int == 403
    assert video_state(app, video_id)[0] == "ready"


def test_a_video_being_made_shows_so_and_a_failed_one_its_reason(app, clips, premium_member,
                                                                logged_in) -> None:
    owner = premium_member()
    video_id = add(app, owner, clips["short"])
    browser = logged_in("au-W53CA", owner)
    assert "変換中" in browser.page(f"/videos/{video_id}")
    assert "(変換中)" in browser.page("/videos")
