"""The demo's albums: drawn photos at each visibility, ready to show on every handset."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from keitai.db import db
from keitai.features.albums import variants
from keitai.models import Album, Picture, PictureVariant
from keitai.seed.albums import add_demo_albums
from tests.albums.conftest import image_addresses
from tests.handsets import PAGE_PROFILES
from tests.seed.demo import seed_demo


@pytest.fixture()
def demo(app):  # type: ignore[no-untyped-def]
    """Seed the demo network, its showcase and its albums, as `keitai demo` does."""
    made = seed_demo(app)
    with app.app_context():
        add_demo_albums(made.logins)
        db.session.commit()
    return made


def test_the_demo_albums_have_every_visibility_and_their_variants_made(app, demo) -> None:
    with app.app_context():
        levels = set(db.session.scalars(select(Album.visibility)))
        assert levels == {"everyone", "friends", "friends_of_friends", "only_me"}
        pictures = db.session.scalar(select(func.count()).select_from(Picture))
        assert pictures >= 10
        assert db.session.scalar(select(func.count()).select_from(Picture).where(
            Picture.diary_id.is_not(None))) == 2
        made = db.session.scalar(select(func.count()).select_from(PictureVariant))
        assert made == pictures * len(variants.standard())


@pytest.mark.parametrize("name", PAGE_PROFILES)
def test_the_demo_album_pages_fit_every_handset(app, demo, logged_in, name) -> None:
    owner = demo.logins[0]
    browser = logged_in(name, owner)
    listing = browser.page("/albums")
    assert "夏の旅行" in listing and "ひみつ" in listing
    with app.app_context():
        album = db.session.scalar(select(Album.id).where(Album.title == "夏の旅行"))
        first = db.session.scalar(select(func.min(Picture.id)).where(Picture.album_id == album))
    page = browser.page(f"/albums/{album}")
    assert "準備中" not in page
    for url in image_addresses(page):
        assert browser.get(url).status_int == 200
    browser.page(f"/photos/{first}")
    stranger = logged_in(name, demo.logins[-1])
    shown = stranger.page(f"/members/{owner}/albums")
    assert "夏の旅行" in shown and "ひみつ" not in shown
