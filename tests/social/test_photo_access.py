"""Who may fetch a photo: whoever may see the page that shows it, by a signed address."""
from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest

from keitai.db import db
from keitai.features.profile import photo_links
from keitai.models import Member
from tests.social.conftest import block
from tests.social.photos import camera_jpeg, photo_address, photo_url, upload


def owner_with_photo(member, logged_in) -> int:
    """Add a member with a photo; return their id."""
    owner = member("はなこ")
    upload(logged_in("pc-Firefox", owner), camera_jpeg())
    return owner


def signed_parts(url: str) -> tuple[str, str, str, str]:
    """Split a photo address into (path, key, variant, signature); the variant without the
    extension the address ends in (the signature covers the variant's name)."""
    parts = urlsplit(url)
    _empty, _photos, key, file_name = parts.path.split("/")
    variant = file_name.partition(".")[0]
    return parts.path, key, variant, parse_qs(parts.query)[photo_links.PARAM][0]


def is_image(response) -> bool:
    """Return True when a response is a photo the handset may keep only for itself."""
    return (response.status_int == 200 and response.content_type.startswith("image/")
            and response.headers["Cache-Control"].startswith("private"))


@pytest.mark.parametrize("name", ["docomo-N505i", "docomo-D501i", "docomo-P903i",
                                  "docomo-N06A", "au-C5001T", "softbank-930SH", "pc-Firefox"])
def test_a_handset_sees_the_photo_of_a_member_page_it_may_see_with_or_without_cookies(
        app, member, logged_in, handset, name) -> None:
    owner = owner_with_photo(member, logged_in)
    browser = logged_in(name, member("たろう"))
    url = photo_address(browser.page(f"/members/{owner}"))
    assert url is not None
    assert is_image(browser.get(url))
    # an <img> fetch carries no session on a cookie-less handset, nor docomo's i-mode ID
    assert is_image(handset(name).get(url))


def test_a_photo_a_handset_may_keep_is_kept_apart_for_each_user_agent(
        app, member, logged_in, handset) -> None:
    owner = owner_with_photo(member, logged_in)
    url = photo_url(logged_in("docomo-N505i", owner), owner)
    response = handset("docomo-N505i").get(url)
    assert is_image(response)
    # what a cache may keep is kept apart per User-Agent: each answer is made for its handset
    assert "User-Agent" in response.headers["Vary"]


def test_the_owner_sees_their_own_photo(app, member, logged_in, handset) -> None:
    owner = owner_with_photo(member, logged_in)
    url = photo_url(logged_in("docomo-N505i", owner), owner)
    assert is_image(handset("docomo-N505i").get(url))


def test_a_visitor_who_is_not_logged_in_cannot_open_a_photo_by_its_key(app, member, logged_in,
                                                                        handset) -> None:
    owner = owner_with_photo(member, logged_in)
    path, *_rest = signed_parts(photo_url(logged_in("pc-Firefox", member("たろう")), owner))
    for name in ("pc-Firefox", "docomo-N505i"):
        assert handset(name).get(path, status=404).status_int == 404


@pytest.mark.parametrize("who_blocks", ["the owner", "the viewer"])
def test_a_block_either_way_closes_a_photo_address_the_viewer_already_had(
        app, member, logged_in, handset, who_blocks) -> None:
    owner, viewer = owner_with_photo(member, logged_in), member("たろう")
    browsers = [logged_in("docomo-N505i", viewer), logged_in("pc-Firefox", viewer)]
    urls = [photo_url(browser, owner) for browser in browsers]
    assert all(is_image(browser.get(url)) for browser, url in zip(browsers, urls, strict=True))
    block(app, *((owner, viewer) if who_blocks == "the owner" else (viewer, owner)))
    for browser, url in zip(browsers, urls, strict=True):
        assert browser.get(url, status=404).status_int == 404
        assert handset("docomo-N505i").get(url, status=404).status_int == 404


def test_an_address_made_for_one_member_is_refused_to_another_members_session(
        app, member, logged_in) -> None:
    owner, friend = owner_with_photo(member, logged_in), member("とも")
    blocked, other = member("ブロック"), member("じろう")
    url = photo_url(logged_in("pc-Firefox", friend), owner)
    block(app, owner, blocked)
    # the signature says whom the page was shown to; a session that names someone else is
    # someone else, whether the owner blocked them or not
    for intruder in (blocked, other):
        for name in ("pc-Firefox", "docomo-N505i"):
            assert logged_in(name, intruder).get(url, status=404).status_int == 404
    assert is_image(logged_in("pc-Firefox", friend).get(url))


def test_an_expired_or_altered_photo_address_is_refused(app, member, logged_in,
                                                        handset) -> None:
    owner, viewer, other = owner_with_photo(member, logged_in), member("たろう"), member("じろう")
    url = photo_url(logged_in("docomo-N505i", viewer), owner)
    path, key, variant, signed = signed_parts(url)
    viewer_part, hour, mac = signed.split(".")
    img = handset("docomo-N505i")
    assert is_image(img.get(url))
    with app.app_context():
        made_long_ago = photo_links.signature(key, variant, viewer, time.time() - 3 * 3600)
        made_an_hour_ago = photo_links.signature(key, variant, viewer, time.time() - 3600)
    assert is_image(img.get(f"{path}?v={made_an_hour_ago}"))
    flipped = mac[:-1] + ("0" if mac[-1] != "0" else "1")
    for value in (made_long_ago, f"{other}.{hour}.{mac}", f"{viewer_part}.{int(hour) + 24}.{mac}",
                  f"{viewer_part}.{hour}.{flipped}", f"{viewer_part}.{hour}.{mac[:8]}",
                  f"{viewer_part}.{hour}", "", "x", f"{viewer_part}.{'9' * 1500}.{mac}"):
        assert img.get(f"{path}?v={value}", status=404).status_int == 404, value
    other_variant = "jpeg-240" if variant != "jpeg-240" else "gif-240"
    assert img.get(f"/photos/{key}/{other_variant}?v={signed}", status=404).status_int == 404


def test_a_photo_address_stops_working_when_its_member_leaves(app, member, logged_in,
                                                              handset) -> None:
    owner, viewer = owner_with_photo(member, logged_in), member("たろう")
    url = photo_url(logged_in("docomo-N505i", viewer), owner)
    assert is_image(handset("docomo-N505i").get(url))
    with app.app_context():
        db.session.delete(db.session.get(Member, viewer))
        db.session.commit()
    assert handset("docomo-N505i").get(url, status=404).status_int == 404


def test_a_signature_lasts_from_one_to_two_hours_and_the_address_keeps_for_an_hour(
        app) -> None:
    start = 1_700_000_000 // 3600 * 3600  # the start of an hour
    with app.app_context():
        early = photo_links.signature("k" * 32, "jpeg-240", 7, start)
        late = photo_links.signature("k" * 32, "jpeg-240", 7, start + 3599)
        assert early == late
        check = photo_links.signed_viewer
        assert check("k" * 32, "jpeg-240", early, start + 2 * 3600 - 1) == \
            photo_links.Signed(7, start + 2 * 3600)
        assert check("k" * 32, "jpeg-240", early, start + 2 * 3600) is None
        assert check("k" * 32, "jpeg-240", early, start) is not None
