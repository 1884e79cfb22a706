"""Who may see a video, on its page and at its file and poster addresses: the visibility the
owner chose, blocks either way, the signed address and the session that comes with it."""
from __future__ import annotations

import html
import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from keitai.features.profile import photo_links
from tests.social.conftest import befriend, block
from tests.videos.conftest import add
from tests.videos.test_pages import file_address, poster_address

#: who sees a video at each visibility (the owner always does)
SEES = {
    "everyone": {"friend", "friend_of_friend", "stranger"},
    "friends_of_friends": {"friend", "friend_of_friend"},
    "friends": {"friend"},
    "only_me": set(),
}


@pytest.fixture()
def people(app, member, premium_member) -> dict[str, int]:
    """A premium owner, a friend, a friend's friend and a stranger."""
    found = {"owner": premium_member("はなこ"), "friend": member("とも"),
             "friend_of_friend": member("ともとも"), "stranger": member("たにん")}
    befriend(app, found["owner"], found["friend"])
    befriend(app, found["friend"], found["friend_of_friend"])
    return found


@pytest.mark.parametrize("visibility", list(SEES))
def test_a_video_is_seen_by_whom_its_visibility_names(app, ready_video, people, logged_in,
                                                      visibility) -> None:
    _owner, video_id = ready_video(visibility, owner=people["owner"])
    owner_page = logged_in("pc-Firefox", people["owner"]).page(f"/videos/{video_id}")
    owners_file = file_address(owner_page)
    assert owners_file is not None
    for who in ("friend", "friend_of_friend", "stranger"):
        browser = logged_in("pc-Firefox", people[who])
        listed = "ねこ" in browser.page(f"/members/{people['owner']}/videos")
        if who in SEES[visibility]:
            assert listed
            assert file_address(browser.page(f"/videos/{video_id}")) is not None
        else:
            assert not listed
            assert browser.get(f"/videos/{video_id}", status=404).status_int == 404
            # the owner's signed address, with this member's session: refused
            assert browser.get(owners_file, status=404).status_int == 404


@pytest.mark.parametrize("who_blocks", ["the owner", "the viewer"])
def test_a_block_either_way_closes_the_page_and_the_addresses_already_given(
        app, ready_video, people, logged_in, handset, who_blocks) -> None:
    owner, video_id = ready_video(owner=people["owner"])
    viewer = people["stranger"]
    browser = logged_in("softbank-930SH", viewer)
    text = browser.page(f"/videos/{video_id}")
    video_url, poster_url = file_address(text), poster_address(text)
    assert video_url and poster_url
    player = handset("softbank-930SH")
    assert player.get(video_url).status_int == 200
    block(app, *((owner, viewer) if who_blocks == "the owner" else (viewer, owner)))
    assert browser.get(f"/videos/{video_id}", status=404).status_int == 404
    for url in (video_url, poster_url):
        assert player.get(url, status=404).status_int == 404
        assert browser.get(url, status=404).status_int == 404


def test_a_file_address_without_a_valid_signature_is_refused_to_visitors(
        app, ready_video, people, logged_in, handset) -> None:
    owner, video_id = ready_video(owner=people["owner"])
    url = file_address(logged_in("docomo-P903i", people["friend"]).page(f"/videos/{video_id}"))
    assert url is not None
    parts = urlsplit(url)
    signed = parse_qs(parts.query)[photo_links.PARAM][0]
    viewer, hour, mac = signed.split(".")
    player = handset("docomo-P903i")
    assert player.get(url).status_int == 200
    with app.app_context():
        long_ago = photo_links.signature(f"video/{video_id}", "imotion", int(viewer),
                                         time.time() - 3 * 3600)
    for value in (long_ago, f"{people['stranger']}.{hour}.{mac}", f"{viewer}.{hour}.{mac[:-2]}00",
                  "", "x"):
        assert player.get(f"{parts.path}?v={value}", status=404).status_int == 404
    assert player.get(parts.path, status=404).status_int == 404
    # the same signature on another rendition or another video: refused
    assert player.get(f"/videos/{video_id}/sbmovie.3gp?v={signed}",
                      status=404).status_int == 404
    assert player.get(f"/videos/{video_id + 1}/imotion.3gp?v={signed}",
                      status=404).status_int == 404
    assert player.get(f"/videos/{video_id}/imotion.3g2?v={signed}",
                      status=404).status_int == 404


def test_a_video_being_made_is_shown_to_its_owner_alone(app, clips, people, logged_in) -> None:
    video_id = add(app, people["owner"], clips["short"], visibility="everyone")
    assert "変換中" in logged_in("pc-Firefox", people["owner"]).page(f"/videos/{video_id}")
    friend = logged_in("pc-Firefox", people["friend"])
    assert friend.get(f"/videos/{video_id}", status=404).status_int == 404
    assert "まだ動画はありません" in friend.page(f"/members/{people['owner']}/videos")


def test_a_visitor_who_is_not_logged_in_is_sent_to_the_login(app, ready_video,
                                                              handset) -> None:
    _owner, video_id = ready_video()
    response = handset("pc-Firefox").get(f"/videos/{video_id}")
    assert response.status_int == 302 and "/login" in response.headers["Location"]


def test_a_docomo_address_in_object_data_carries_guid_on(app, ready_video, logged_in) -> None:
    owner, video_id = ready_video()
    browser = logged_in("docomo-N06A", owner)  # keeps cookies; session bound to its i-mode ID
    text = browser.page(f"/videos/{video_id}")
    data = re.search(r'<object [^>]*data="([^"]+)"', text)
    # the gateway adds guid=ON to links, not to <object data>: without it the handset's
    # fetch would come without its i-mode ID, and its session would be refused
    assert data is not None and "guid=ON" in data.group(1)
    assert browser.get(html.unescape(data.group(1))).status_int == 200
    assert "ねこ" in browser.page(f"/videos/{video_id}")
