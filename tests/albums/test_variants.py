"""Each handset gets a picture in the format and width it shows, made by the worker."""
from __future__ import annotations

import io

import pytest
from PIL import Image

from keitai.db import db
from keitai.features.albums import pictures, variants
from tests.albums.conftest import (
    image_addresses,
    make_album,
    make_photo,
    variant_count,
)
from tests.outbox import run_jobs


@pytest.mark.parametrize(("viewer", "fmt", "thumb", "large"), [
    ("docomo-D501i", "GIF", 96, 96),
    ("docomo-N505i", "GIF", 96, 96),
    ("docomo-P903i", "JPEG", 120, 240),
    ("docomo-N06A", "JPEG", 120, 240),
    ("softbank-J-SH51", "PNG", 96, 96),
    ("softbank-930SH", "JPEG", 120, 240),
    ("au-W53CA", "JPEG", 120, 240),
    ("pc-Firefox", "JPEG", 120, 240),
])
def test_each_handset_gets_its_format_at_its_width_with_a_matching_extension(
        app, member, logged_in, viewer, fmt, thumb, large) -> None:
    owner = member("はなこ")
    album = make_album(app, owner)
    picture = make_photo(app, owner, album_id=album)
    browser = logged_in(viewer, member("たろう"))
    ext = {"GIF": ".gif", "PNG": ".png", "JPEG": ".jpg"}[fmt]
    widths = []
    for url in (image_addresses(browser.page(f"/albums/{album}"))
                + image_addresses(browser.page(f"/photos/{picture}"))):
        assert url.split("?")[0].endswith(ext)
        response = browser.get(url)
        image = Image.open(io.BytesIO(response.body))
        assert image.format == fmt
        assert response.headers["Content-Type"] == f"image/{fmt.lower()}"
        assert int(response.headers["Content-Length"]) == len(response.body)
        assert not image.getexif()
        if fmt == "JPEG":
            assert "progressive" not in image.info and "progression" not in image.info
        widths.append(image.width)
    assert widths and set(widths) <= {thumb, large} and large in widths


def test_until_the_worker_made_them_pages_show_preparing_and_no_image(app, member,
                                                                       logged_in) -> None:
    owner = member("はなこ")
    album = make_album(app, owner)
    picture = make_photo(app, owner, album_id=album, made=False)
    browser = logged_in("docomo-P903i", owner)
    page = browser.page(f"/albums/{album}")
    assert "準備中" in page and "<img" not in page
    assert "準備中" in browser.page(f"/photos/{picture}")
    with app.app_context():
        key = db.session.get(pictures.Picture, picture).key
    assert variant_count(app) == 0
    run_jobs(app)
    assert variant_count(app) == len(variants.standard())
    page = browser.page(f"/albums/{album}")
    assert "準備中" not in page and f"/pictures/{key}/jpeg-120.jpg" in page


def test_the_variants_job_is_idempotent_and_a_deleted_picture_is_nothing_to_do(
        app, member) -> None:
    owner = member("はなこ")
    album = make_album(app, owner)
    picture = make_photo(app, owner, album_id=album)
    made = variant_count(app)
    with app.app_context():
        assert pictures.make_variants(picture, variants.standard()) == 0
        assert pictures.make_variants(10**6, variants.standard()) == 0
    assert variant_count(app) == made


def test_a_variant_outside_the_standard_set_is_made_on_its_first_request(
        app, member, logged_in, monkeypatch) -> None:
    owner = member("はなこ")
    album = make_album(app, owner)
    make_photo(app, owner, album_id=album)
    before = variant_count(app)
    monkeypatch.setattr(variants, "standard", lambda: frozenset({"jpeg-240"}))
    browser = logged_in("pc-Firefox", owner)
    [url] = image_addresses(browser.page(f"/albums/{album}"))
    assert "jpeg-120.jpg" in url
    with app.app_context():
        db.session.execute(pictures.PictureVariant.__table__.delete().where(
            pictures.PictureVariant.variant == "jpeg-120"))
        db.session.commit()
    assert browser.get(url).status_int == 200
    assert variant_count(app) == before


def test_an_address_whose_extension_is_not_its_format_is_not_found(app, member,
                                                                   logged_in) -> None:
    owner = member("はなこ")
    album = make_album(app, owner)
    make_photo(app, owner, album_id=album)
    browser = logged_in("pc-Firefox", owner)
    [url] = image_addresses(browser.page(f"/albums/{album}"))
    path, query = url.split("?")
    for wrong in (path.replace(".jpg", ".png"), path.replace(".jpg", ""),
                  path.replace("jpeg-120", "jpeg-5000")):
        assert browser.get(f"{wrong}?{query}", status=404).status_int == 404
