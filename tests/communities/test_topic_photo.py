"""A topic's photo: sent by its author after the topic is written, stored without its
metadata, served in each handset's format to members who may read the topic, by a signed
address; 404 to anyone else."""
from __future__ import annotations

import io
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask, g
from PIL import Image
from sqlalchemy import func, select

from keitai.db import db
from keitai.features.communities.topic_photos import photo_for
from keitai.features.profile import photo_links
from keitai.models.community import TopicPhoto, TopicPhotoVariant
from tests.communities.factories import add_topic
from tests.diary.browsing import Browser, check_page, handset_of
from tests.handsets import client_for, page_forms
from tests.social.photos import camera_jpeg

#: the EXIF pointer to a camera's GPS data
GPS_IFD = 0x8825


def send_photo(browser: Browser, topic_id: int, data: bytes, filename: str = "photo.jpg"):  # type: ignore[no-untyped-def]
    """Send a file from the topic's photo form, as the author picked it."""
    form = page_forms(browser.get(f"/topics/{topic_id}/photo"))[0]
    return browser.client.post(form.action, dict(form.fields),
                               upload_files=[("photo", filename, data)], expect_errors=True)


def photo_address(app: Flask, name: str, topic_id: int, viewer_id: int) -> str:
    """Return the photo address a topic page shows this viewer on the named handset."""
    with app.test_request_context():
        g.handset = handset_of(name)
        photo = photo_for(topic_id, viewer_id)
    assert photo is not None
    return str(photo["url"])


def count(app: Flask, model: type) -> int:
    """Return how many rows a table holds."""
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(model)) or 0)


def is_image(response) -> bool:  # type: ignore[no-untyped-def]
    """Return True for a photo only the handset itself may keep."""
    return (response.status_int == 200 and response.content_type.startswith("image/")
            and response.headers["Cache-Control"].startswith("private"))


@pytest.mark.parametrize("name", ["pc-Firefox", "softbank-930SH", "docomo-P903i",
                                  "docomo-N505i", "au-W53CA"])
def test_the_author_adds_a_photo_that_is_stored_upright_and_without_its_gps_position(
        app, member, browse, community, name: str) -> None:
    author = member("たろう")
    topic_id = add_topic(app, community(member("かんりにん"), members=(author,)), author)
    browser = browse(name, author)
    text = check_page(browser, browser.get(f"/topics/{topic_id}/photo"))
    assert 'type="file"' in text and 'enctype="multipart/form-data"' in text
    upload = camera_jpeg()
    assert Image.open(io.BytesIO(upload)).getexif().get_ifd(GPS_IFD)  # the camera's position
    done = send_photo(browser, topic_id, upload)
    assert browser.location(done) == f"/topics/{topic_id}"
    assert "写真を登録しました。" in browser.text(browser.get(f"/topics/{topic_id}"))
    with app.app_context():
        photo = db.session.scalars(select(TopicPhoto)).one()
        image = Image.open(io.BytesIO(photo.data))
        assert (photo.width, photo.height) == image.size == (480, 640)
        assert not image.getexif() and not image.getexif().get_ifd(GPS_IFD)
        assert "exif" not in image.info and "progressive" not in image.info
    again = check_page(browser, browser.get(f"/topics/{topic_id}/photo"))
    assert "今の写真" in again and "入れ替わります" in again


@pytest.mark.parametrize(("viewer", "fmt", "width"), [
    ("docomo-N505i", "GIF", 96), ("docomo-P903i", "JPEG", 240),
    ("softbank-J-SH51", "PNG", 96), ("pc-Firefox", "JPEG", 240)])
def test_each_handset_gets_its_variant_made_once_and_kept(app, member, browse, community,
                                                          viewer: str, fmt: str,
                                                          width: int) -> None:
    author, reader = member("たろう"), member("はなこ")
    topic_id = add_topic(app, community(author, members=(reader,)), author)
    send_photo(browse("pc-Firefox", author), topic_id, camera_jpeg())
    url = photo_address(app, viewer, topic_id, reader)
    # an <img> fetch carries no session on a cookie-less handset: the signature names him
    first = client_for(app, viewer).get(url)
    assert is_image(first) and first.content_type == f"image/{fmt.lower()}"
    image = Image.open(io.BytesIO(first.body))
    assert image.format == fmt and image.width == width
    assert browse(viewer, reader).client.get(url).body == first.body
    assert count(app, TopicPhotoVariant) == 1


def test_only_the_author_adds_the_photo(app, member, browse, community) -> None:
    author, other, outsider = member("たろう"), member("はなこ"), member("じろう")
    community_id = community(author, members=(other,), topic_visibility="members")
    topic_id = add_topic(app, community_id, author)
    browser = browse("pc-Firefox", other)
    refused = browser.get(f"/topics/{topic_id}/photo", status=403)
    assert "トピックを書いた人だけが写真を登録できます。" in browser.text(refused)
    # a form taken from another page, sent with a photo: refused all the same
    form = page_forms(browser.get("/settings/withdraw"))[0]
    sent = browser.client.post(browser.url(f"/topics/{topic_id}/photo"), dict(form.fields),
                               upload_files=[("photo", "a.jpg", camera_jpeg())],
                               expect_errors=True)
    assert sent.status_int == 403
    hidden = browse("pc-Firefox", outsider).get(f"/topics/{topic_id}/photo", status=404)
    assert hidden.status_int == 404
    assert count(app, TopicPhoto) == 0


def test_what_is_not_an_image_is_refused_and_nothing_is_sent_is_asked_for(
        app, member, browse, community) -> None:
    author = member("たろう")
    topic_id = add_topic(app, community(author), author)
    browser = browse("docomo-P903i", author)
    refused = send_photo(browser, topic_id, b"GIF89a not really", "x.gif")
    assert "写真として読めませんでした。" in check_page(browser, refused)
    empty = send_photo(browser, topic_id, b"", "x.jpg")
    assert "写真を選んでください。" in browser.text(empty)
    assert count(app, TopicPhoto) == 0


def test_a_new_photo_replaces_the_old_one_and_its_address(app, member, browse,
                                                         community) -> None:
    author = member("たろう")
    topic_id = add_topic(app, community(author), author)
    browser = browse("pc-Firefox", author)
    send_photo(browser, topic_id, camera_jpeg())
    old = photo_address(app, "pc-Firefox", topic_id, author)
    assert is_image(browser.client.get(old))
    send_photo(browser, topic_id, camera_jpeg(300, 300, orientation=1))
    assert browser.client.get(old, status=404).status_int == 404
    assert is_image(browser.client.get(photo_address(app, "pc-Firefox", topic_id, author)))
    assert count(app, TopicPhoto) == 1 and count(app, TopicPhotoVariant) == 1


def test_a_member_who_may_not_read_the_topic_gets_404_for_the_image(
        app, member, browse, community, blocks) -> None:
    author, reader, outsider = member("たろう"), member("はなこ"), member("じろう")
    members_only = community(author, members=(reader,), topic_visibility="members")
    topic_id = add_topic(app, members_only, author)
    send_photo(browse("pc-Firefox", author), topic_id, camera_jpeg())
    url = photo_address(app, "docomo-N505i", topic_id, reader)
    assert is_image(client_for(app, "docomo-N505i").get(url))
    # not a member of a members-only community: an address signed for them, or the session
    signed = photo_address(app, "docomo-N505i", topic_id, outsider)
    assert client_for(app, "docomo-N505i").get(signed, status=404).status_int == 404
    path = urlsplit(signed).path
    assert browse("pc-Firefox", outsider).get(path, status=404).status_int == 404
    # an address made for the reader, passed on to someone logged in as another member
    assert browse("pc-Firefox", outsider).client.get(url, status=404).status_int == 404
    # a block closes the address the reader already had
    blocks(author, reader)
    assert client_for(app, "docomo-N505i").get(url, status=404).status_int == 404


def test_an_altered_signature_or_key_is_not_found(app, member, browse, community) -> None:
    author = member("たろう")
    topic_id = add_topic(app, community(author), author)
    send_photo(browse("pc-Firefox", author), topic_id, camera_jpeg())
    url = photo_address(app, "pc-Firefox", topic_id, author)
    parts = urlsplit(url)
    signature = parse_qs(parts.query)[photo_links.PARAM][0]
    _empty, _topics, _topic, _photos, key, variant = parts.path.split("/")
    pc = client_for(app, "pc-Firefox")
    forged = signature[:-1] + ("0" if signature[-1] != "0" else "1")
    with app.app_context():  # a profile photo's signature covers the bare key
        bare = photo_links.signature(key, variant, author, time.time())
    for address in (f"{parts.path}?v={forged}",
                    f"/topics/{topic_id}/photos/{'0' * 32}/{variant}?v={signature}",
                    f"/topics/{topic_id}/photos/{key}/jpeg-5000?v={signature}",
                    f"/topics/{topic_id + 1}/photos/{key}/{variant}?v={signature}",
                    f"{parts.path}?v={bare}"):
        assert pc.get(address, status=404).status_int == 404, address
    assert is_image(pc.get(url))
