"""Profile photos: uploaded once from a PC or a handset, served in each handset's format."""
from __future__ import annotations

import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from keitai.db import db
from keitai.models import Photo, PhotoVariant
from tests.handsets import page_forms
from tests.social.photos import camera_jpeg, photo_url, upload


@pytest.mark.parametrize("uploader", ["pc-Firefox", "softbank-930SH", "docomo-N06A",
                                      "au-W53CA"])
def test_an_upload_is_stored_once_upright_and_without_its_metadata(app, member, logged_in,
                                                                   uploader) -> None:
    me = member("はなこ")
    browser = logged_in(uploader, me)
    done = upload(browser, camera_jpeg())
    assert "写真を登録しました。" in browser.text(done.follow())
    with app.app_context():
        photo = db.session.scalars(select(Photo)).one()
        image = Image.open(io.BytesIO(photo.data))
        assert (photo.width, photo.height) == image.size == (480, 640)
        assert not image.getexif() and "progressive" not in image.info


@pytest.mark.parametrize(("viewer", "fmt", "width", "mode"), [
    ("docomo-D501i", "GIF", 96, "grayscale"),
    ("docomo-N505i", "GIF", 96, "colour"),  # its 20 KB cache holds the page and the picture
    ("docomo-P903i", "JPEG", 240, "colour"),
    ("softbank-J-SH51", "PNG", 96, "colour"),  # half its 12 KB page limit
    ("au-C5001T", "JPEG", 144, "colour"),
    ("pc-Firefox", "JPEG", 240, "colour"),
])
def test_each_handset_gets_its_format_at_its_screen_width(app, member, logged_in, viewer, fmt,
                                                          width, mode) -> None:
    owner, visitor = member("はなこ"), member("たろう")
    upload(logged_in("pc-Firefox", owner), camera_jpeg())
    browser = logged_in(viewer, visitor)
    response = browser.get(photo_url(browser, owner))
    image = Image.open(io.BytesIO(response.body))
    assert image.format == fmt and image.width == width
    assert response.content_type == f"image/{fmt.lower()}"
    if fmt == "JPEG":
        assert "progressive" not in image.info and "progression" not in image.info
    colours = image.convert("RGB").getcolors(4096) or []
    assert all(r == g == b for _n, (r, g, b) in colours) is (mode == "grayscale")


def test_variants_are_made_once_and_kept(app, member, logged_in) -> None:
    owner = member("はなこ")
    upload(logged_in("pc-Firefox", owner), camera_jpeg())
    browser = logged_in("docomo-N505i", member("たろう"))
    url = photo_url(browser, owner)
    first, second = browser.get(url).body, browser.get(url).body
    assert first == second
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PhotoVariant)) == 1


def test_small_handsets_get_a_link_to_the_photo_instead_of_the_image(app, member,
                                                                    logged_in) -> None:
    owner = member("はなこ")
    upload(logged_in("pc-Firefox", owner), camera_jpeg())
    small = logged_in("docomo-D501i", member("たろう")).page(f"/members/{owner}")
    assert "写真を見る" in small and "<img" not in small
    large = logged_in("docomo-P903i", member("じろう")).page(f"/members/{owner}")
    assert '<img src="/photos/' in large


def test_a_new_upload_fills_the_next_slot_and_the_first_photo_stays_the_main_one(
        app, member, logged_in) -> None:
    owner = member("はなこ")
    browser = logged_in("pc-Firefox", owner)
    upload(browser, camera_jpeg())
    main = photo_url(browser, owner)
    upload(browser, camera_jpeg(300, 300, orientation=1))
    upload(browser, camera_jpeg(200, 300, orientation=1))
    assert photo_url(browser, owner) == main
    with app.app_context():
        assert db.session.scalars(select(Photo.slot).order_by(Photo.slot)).all() == [1, 2, 3]
        assert db.session.scalars(select(Photo.slot).where(Photo.is_main)).all() == [1]
    page = browser.get("/settings/photo")
    assert 'type="file"' not in browser.text(page)  # no form while every slot is taken
    fields = dict(page_forms(page)[0].fields)
    fields.pop("slot", None)
    full = browser.post("/settings/photo", fields, upload_files=[("photo", "a.jpg",
                                                                  camera_jpeg())])
    assert "写真は3枚まで登録できます" in browser.text(full)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Photo)) == 3


def test_the_member_chooses_the_main_photo_and_deleting_it_makes_the_next_one_main(
        app, member, logged_in) -> None:
    owner = member("はなこ")
    browser = logged_in("au-W53CA", owner)
    for _time in range(3):
        upload(browser, camera_jpeg(300, 300, orientation=1))
    first = photo_url(browser, owner)
    page = browser.get("/settings/photo")
    forms = page_forms(page)
    [choose] = [index for index, form in enumerate(forms)
                if form.action.startswith("/settings/photo/main") and form.fields["slot"] == "3"]
    assert "メインの写真を変更しました" in browser.text(browser.submit(page, {}, choose).follow())
    third = photo_url(browser, owner)
    assert third != first
    with app.app_context():
        assert db.session.scalars(select(Photo.slot).where(Photo.is_main)).all() == [3]
    page = browser.get("/settings/photo")
    [remove] = [index for index, form in enumerate(page_forms(page))
                if form.action.startswith("/settings/photo/delete")
                and form.fields["slot"] == "3"]
    browser.submit(page, {}, remove)
    assert browser.get(third, status=404).status_int == 404
    assert photo_url(browser, owner) == first
    with app.app_context():
        assert db.session.scalars(select(Photo.slot).where(Photo.is_main)).all() == [1]


def test_what_is_not_an_image_is_refused(app, member, logged_in) -> None:
    browser = logged_in("pc-Firefox", member("はなこ"))
    refused = upload(browser, b"GIF89a not really", "x.gif")
    assert "写真として読めませんでした。" in browser.text(refused)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Photo)) == 0


def test_a_png_with_transparency_and_a_deleted_photo(app, member, logged_in) -> None:
    owner = member("はなこ")
    browser = logged_in("pc-Firefox", owner)
    out = io.BytesIO()
    Image.new("RGBA", (50, 50), (0, 0, 0, 0)).save(out, "PNG")
    upload(browser, out.getvalue(), "a.png")
    with app.app_context():
        stored = Image.open(io.BytesIO(db.session.scalars(select(Photo.data)).one()))
        assert stored.getpixel((0, 0)) == (255, 255, 255)
    page = browser.get("/settings/photo")
    browser.send(page, {}, index=1)
    assert "/photos/" not in browser.text(browser.get(f"/members/{owner}"))


def test_an_unknown_variant_or_key_is_not_found(app, member, logged_in) -> None:
    owner = member("はなこ")
    browser = logged_in("pc-Firefox", owner)
    upload(browser, camera_jpeg())
    key = photo_url(browser, owner).split("/")[2]
    assert browser.get(f"/photos/{key}/jpeg-5000", status=404).status_int == 404
    assert browser.get(f"/photos/{'0' * 32}/jpeg-240", status=404).status_int == 404
