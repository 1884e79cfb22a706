"""Sending photos: from handsets that can and from PCs; checked by content, re-encoded,
without metadata; refused whole when bad, too big to decode, or over the quota."""
from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image
from sqlalchemy import select

from keitai.db import db
from keitai.features.albums import quota
from keitai.features.profile import images
from keitai.models import Album, Job, Picture
from tests.albums.conftest import (
    make_album,
    make_photo,
    photo_bytes,
    picture_count,
    upload,
)
from tests.diary.factories import add_diaries
from tests.handsets import page_forms
from tests.social.photos import camera_jpeg


@pytest.mark.parametrize("name", ["pc-Firefox", "docomo-N06A", "au-W53CA", "au-C5001T",
                                  "softbank-930SH", "smartphone-iPhone"])
def test_a_handset_that_can_send_files_adds_a_photo_stored_upright_without_metadata(
        app, member, logged_in, name) -> None:
    owner = member("はなこ")
    album = make_album(app, owner)
    browser = logged_in(name, owner)
    page = browser.page(f"/albums/{album}/upload")
    assert 'type="file"' in page and 'enctype="multipart/form-data"' in page
    done = upload(browser, album, camera_jpeg())
    assert "写真を追加しました" in browser.text(done.follow())
    with app.app_context():
        picture = db.session.scalars(select(Picture)).one()
        stored = Image.open(io.BytesIO(picture.data))
        assert stored.format == "JPEG" and (picture.width, picture.height) == stored.size
        assert stored.size == (480, 640)  # turned upright by its EXIF orientation
        assert not stored.getexif()  # the GPS position went with the rest
        assert "progressive" not in stored.info
        assert picture.size_bytes == len(picture.data)
        assert db.session.get(Album, album).picture_count == 1
        # the variants are the worker's job, queued with the picture
        assert db.session.scalars(select(Job.kind).where(
            Job.kind == "pictures.variants")).all() == ["pictures.variants"]


@pytest.mark.parametrize("name", ["docomo-N505i", "docomo-P903i", "au-HI01",
                                  "softbank-J-SH51", "softbank-V602T", "willcom-WX310SA"])
def test_a_handset_that_cannot_send_files_is_told_to_post_by_mail(app, member, logged_in,
                                                                   name) -> None:
    owner = member("はなこ")
    album = make_album(app, owner)
    page = logged_in(name, owner).page(f"/albums/{album}/upload")
    assert 'type="file"' not in page and "multipart" not in page
    assert "メールで投稿" in page and "/settings/mail_post" in page


@pytest.mark.parametrize(("filename", "data"), [
    ("x.jpg", b"GIF89a not really"),
    ("x.jpg", b"\xff\xd8\xff\xe0 half a jpeg"),
    ("x.bmp", b"BM" + bytes(60)),
    ("x.txt", "写真です".encode("cp932")),
])
def test_what_is_not_a_jpeg_gif_or_png_is_refused_and_nothing_is_stored(
        app, member, logged_in, filename, data) -> None:
    owner = member("はなこ")
    album = make_album(app, owner)
    browser = logged_in("pc-Firefox", owner)
    refused = upload(browser, album, data, filename)
    assert images.NOT_AN_IMAGE in browser.text(refused)
    assert picture_count(app) == 0


def test_formats_pillow_reads_but_the_site_does_not_take_are_refused(app, member,
                                                                     logged_in) -> None:
    owner = member("はなこ")
    album = make_album(app, owner)
    browser = logged_in("pc-Firefox", owner)
    for fmt in ("BMP", "TIFF", "WEBP"):
        out = io.BytesIO()
        Image.new("RGB", (40, 40), (1, 2, 3)).save(out, fmt)
        assert images.NOT_AN_IMAGE in browser.text(upload(browser, album, out.getvalue()))
    assert picture_count(app) == 0


def _png_bomb(side: int) -> bytes:
    """A tiny PNG that claims side x side pixels (a decompression bomb)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\0" * (side * 3 + 1) * 64, 9)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows)
            + chunk(b"IEND", b""))


@pytest.mark.parametrize("bomb", [_png_bomb(20000), _png_bomb(7000)])
def test_a_decompression_bomb_is_refused_before_it_is_decoded(app, member, logged_in,
                                                              bomb) -> None:
    owner = member("はなこ")
    album = make_album(app, owner)
    browser = logged_in("pc-Firefox", owner)
    text = browser.text(upload(browser, album, bomb, "bomb.png"))
    assert images.TOO_LARGE in text or images.NOT_AN_IMAGE in text
    assert picture_count(app) == 0


def test_gif_and_png_uploads_become_a_baseline_jpeg(app, member, logged_in) -> None:
    owner = member("はなこ")
    album = make_album(app, owner)
    browser = logged_in("pc-Firefox", owner)
    upload(browser, album, photo_bytes(100, 80, "GIF"), "a.gif")
    upload(browser, album, photo_bytes(100, 80, "PNG"), "a.png")
    with app.app_context():
        types = db.session.scalars(select(Picture.content_type)).all()
    assert types == ["image/jpeg", "image/jpeg"]


def test_the_upload_form_sent_twice_stores_one_photo(app, member, logged_in) -> None:
    owner = member("はなこ")
    album = make_album(app, owner)
    browser = logged_in("pc-Firefox", owner)
    form = page_forms(browser.get(f"/albums/{album}/upload"))[0]
    for _time in range(2):
        sent = browser.post(form.action, dict(form.fields),
                            upload_files=[("photo", "a.jpg", photo_bytes())])
        assert sent.status_int == 302
    assert picture_count(app) == 1
    with app.app_context():
        assert db.session.get(Album, album).picture_count == 1


def test_an_empty_form_asks_for_a_photo(app, member, logged_in) -> None:
    owner = member("はなこ")
    album = make_album(app, owner)
    browser = logged_in("pc-Firefox", owner)
    form = page_forms(browser.get(f"/albums/{album}/upload"))[0]
    sent = browser.post(form.action, dict(form.fields))
    assert "写真を選んでください" in browser.text(sent)


def test_someone_elses_album_takes_no_photo(app, member, logged_in) -> None:
    owner, other = member("はなこ"), member("たろう")
    album = make_album(app, owner)
    browser = logged_in("pc-Firefox", other)
    assert browser.get(f"/albums/{album}/upload", status=403).status_int == 403
    hidden = make_album(app, owner, "only_me", "秘密")
    assert browser.get(f"/albums/{hidden}/upload", status=404).status_int == 404
    assert picture_count(app) == 0


def test_over_the_quota_a_clear_message_and_nothing_is_stored(app, member, logged_in,
                                                              monkeypatch) -> None:
    owner = member("はなこ")
    album = make_album(app, owner)
    monkeypatch.setattr(quota, "FREE", quota.Limits(pictures=2, bytes=quota.FREE.bytes))
    browser = logged_in("pc-Firefox", owner)
    for _time in range(2):
        upload(browser, album, photo_bytes())
    refused = upload(browser, album, photo_bytes())
    text = browser.text(refused)
    assert "写真は2枚まで保存できます(今2枚)" in text
    assert picture_count(app) == 2
    with app.app_context():
        assert db.session.get(Album, album).picture_count == 2
        assert db.session.scalar(select(Job.id).where(Job.kind == "pictures.variants")
                                 .offset(2)) is None
    page = browser.page(f"/albums/{album}")
    assert "2/2枚" in page and "写真の保存容量がいっぱいです" in page


def test_the_size_limit_counts_bytes_of_album_and_diary_photos(app, member,
                                                               monkeypatch) -> None:
    owner = member("はなこ")
    album = make_album(app, owner)
    [diary] = add_diaries(app, owner, ["日記"])
    first = make_photo(app, owner, album_id=album, made=False)
    make_photo(app, owner, diary_id=diary, made=False)
    with app.app_context():
        size = db.session.get(Picture, first).size_bytes
        used = quota.usage(owner)
        assert (used.pictures, used.bytes) == (2, 2 * size)
    monkeypatch.setattr(quota, "FREE", quota.Limits(pictures=300, bytes=2 * size + 10))
    with pytest.raises(quota.QuotaExceeded, match="MB"), app.app_context():
        make_photo(app, owner, album_id=album, made=False)
    assert picture_count(app) == 2


def test_premium_members_keep_far_more(app, member) -> None:
    from datetime import timedelta

    from keitai.models import Member
    from keitai.models.base import utcnow

    owner = member("はなこ")
    with app.app_context():
        assert quota.usage(owner).limits == quota.FREE
        row = db.session.get(Member, owner)
        row.premium_since, row.premium_until = utcnow() - timedelta(days=1), \
            utcnow() + timedelta(days=30)
        db.session.commit()
        assert quota.usage(owner).limits == quota.PREMIUM
    assert quota.PREMIUM.pictures >= 10 * quota.FREE.pictures


def test_a_diary_carries_three_photos_at_most(app, member, logged_in) -> None:
    owner = member("はなこ")
    [diary] = add_diaries(app, owner, ["日記"])
    browser = logged_in("pc-Firefox", owner)
    for _time in range(3):
        form = page_forms(browser.get(f"/diary/{diary}/photos"))[0]
        sent = browser.post(form.action, dict(form.fields),
                            upload_files=[("photo", "a.jpg", photo_bytes())])
        assert sent.status_int == 302
    form = page_forms(browser.get(f"/diary/{diary}/photos"))[0]
    refused = browser.post(form.action, dict(form.fields),
                           upload_files=[("photo", "a.jpg", photo_bytes())])
    assert "日記に付けられる写真は3枚までです" in browser.text(refused)
    assert picture_count(app) == 3
    other = logged_in("pc-Firefox", member("たろう"))
    assert other.get(f"/diary/{diary}/photos", expect_errors=True).status_int in (403, 404)
