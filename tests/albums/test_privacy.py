"""Who sees an album and its photos: viewer × visibility × block, on pages AND image URLs.

The same rule as for diaries (keitai.privacy.can_see); a diary's photos follow the diary.
An image address is signed for one viewer, and the image route asks the database again.
"""
from __future__ import annotations

import pytest

from keitai.db import db
from keitai.models import Member
from tests.albums.conftest import image_addresses, make_album, make_photo
from tests.diary.factories import add_diaries
from tests.social.conftest import block

VISIBILITIES = ["everyone", "friends", "friends_of_friends", "only_me"]
RELATIONS = ["owner", "friend", "friend_of_friend", "stranger"]
BLOCKS = ["none", "owner_blocked_viewer", "viewer_blocked_owner"]


def may_see(visibility: str, relation: str, blocked: str) -> bool:
    """Return the rule as the product states it."""
    if relation == "owner":
        return True
    if blocked != "none":
        return False
    return {"everyone": True, "friends": relation == "friend",
            "friends_of_friends": relation in ("friend", "friend_of_friend"),
            "only_me": False}[visibility]


def _block(app, people, relation: str, blocked: str) -> None:
    if relation == "owner" or blocked == "none":
        return
    owner, viewer = people["owner"], people[relation]
    block(app, *((owner, viewer) if blocked == "owner_blocked_viewer" else (viewer, owner)))


@pytest.mark.parametrize("blocked", BLOCKS)
@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_album_pages_and_image_addresses_follow_visibility_and_blocks(
        app, people, logged_in, handset, visibility, relation, blocked) -> None:
    owner = people["owner"]
    album = make_album(app, owner, visibility, "海")
    picture = make_photo(app, owner, album_id=album, caption="夕焼け")
    # the owner's own page gives the addresses a viewer would get, signed for the owner
    owner_urls = image_addresses(logged_in("pc-Firefox", owner).page(f"/albums/{album}"))
    viewer = logged_in("docomo-P903i", people[relation])
    # an address the viewer was given while they could see the album...
    if relation != "owner":
        open_album = make_album(app, owner, "everyone", "公開")
        make_photo(app, owner, album_id=open_album)
        given = image_addresses(viewer.page(f"/albums/{open_album}"))
    _block(app, people, relation, blocked)
    allowed = may_see(visibility, relation, blocked)
    expected = 200 if allowed else 404
    album_page = viewer.get(f"/albums/{album}", expect_errors=True)
    photo_page = viewer.get(f"/photos/{picture}", expect_errors=True)
    listing = viewer.get(f"/members/{owner}/albums", expect_errors=True)
    assert album_page.status_int == expected
    assert photo_page.status_int == expected
    listed = listing.status_int == 200 and "海" in viewer.text(listing)
    assert listed is allowed
    if allowed:
        urls = image_addresses(viewer.text(album_page)) + image_addresses(
            viewer.text(photo_page))
        assert urls
        for url in urls:
            assert viewer.get(url).status_int == 200
            # an <img> fetch carries no session: the signature names the viewer
            assert handset("docomo-P903i").get(url).status_int == 200
    # an address signed for the owner opens nothing for the viewer's session
    if relation != "owner":
        for url in owner_urls:
            assert viewer.get(url, expect_errors=True).status_int == 404
        # and what the viewer was given closes once a block stands
        for url in given:
            status = viewer.get(url, expect_errors=True).status_int
            assert status == (404 if blocked != "none" else 200)


@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("relation", RELATIONS)
def test_a_diarys_photos_follow_the_diary(app, people, logged_in, visibility,
                                          relation) -> None:
    owner = people["owner"]
    [diary] = add_diaries(app, owner, ["日記"], visibility=visibility)
    picture = make_photo(app, owner, diary_id=diary)
    viewer = logged_in("softbank-930SH", people[relation])
    allowed = may_see(visibility, relation, "none")
    page = viewer.get(f"/diary/{diary}", expect_errors=True)
    assert (page.status_int == 200) is allowed
    photo_page = viewer.get(f"/photos/{picture}", expect_errors=True)
    assert (photo_page.status_int == 200) is allowed
    if allowed:
        urls = image_addresses(viewer.text(page))
        assert len(urls) == 1 and viewer.get(urls[0]).status_int == 200
        assert f"/photos/{picture}" in viewer.text(page)


def test_an_image_address_closes_when_the_album_is_made_private_or_its_viewer_leaves(
        app, people, logged_in, handset) -> None:
    owner, friend = people["owner"], people["friend"]
    album = make_album(app, owner, "friends")
    picture = make_photo(app, owner, album_id=album)
    [url] = image_addresses(logged_in("docomo-N505i", friend).page(f"/photos/{picture}"))
    assert handset("docomo-N505i").get(url).status_int == 200
    owner_browser = logged_in("pc-Firefox", owner)
    page = owner_browser.get(f"/albums/{album}/edit")
    owner_browser.submit(page, {"visibility": "only_me"})
    assert handset("docomo-N505i").get(url, status=404).status_int == 404
    owner_browser.submit(owner_browser.get(f"/albums/{album}/edit"), {"visibility": "friends"})
    assert handset("docomo-N505i").get(url).status_int == 200
    with app.app_context():
        db.session.delete(db.session.get(Member, friend))
        db.session.commit()
    assert handset("docomo-N505i").get(url, status=404).status_int == 404


def test_a_signature_for_a_profile_photo_opens_no_picture(app, people, logged_in) -> None:
    from keitai.features.profile import photo_links

    owner = people["owner"]
    album = make_album(app, owner, "only_me")
    make_photo(app, owner, album_id=album)
    [url] = image_addresses(logged_in("pc-Firefox", owner).page(f"/albums/{album}"))
    path = url.split("?")[0]
    key, name = path.split("/")[2], path.split("/")[3]
    import time
    with app.app_context():
        forged = photo_links.signature(key, name.split(".")[0], people["stranger"], time.time())
    viewer = logged_in("pc-Firefox", people["stranger"])
    assert viewer.get(f"{path}?v={forged}", status=404).status_int == 404
    assert viewer.get(path, status=404).status_int == 404
