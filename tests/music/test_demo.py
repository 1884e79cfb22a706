"""The demo's ミュージック: a week of plays by the demo's members, a token for the first login
(shown nowhere), and rankings computed at seed time; every music page of it passes the
checker on every kind of handset."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from keitai.db import db
from keitai.models import MusicRanking, MusicSetting, Play, Track
from keitai.seed.music import add_demo_music
from tests.friend_lists.test_every_page import no_checker_errors
from tests.music.conftest import HANDSETS
from tests.seed.demo import seed_demo


@pytest.fixture()
def demo(app):
    showcase = seed_demo(app)
    with app.app_context():
        add_demo_music(showcase.logins + showcase.friends, 2007)
        db.session.commit()
        track = db.session.scalar(select(Track.id).order_by(Track.id).limit(1))
        artist = db.session.scalar(select(Track.artist_id).where(Track.id == track))
        friend = db.session.scalar(select(Play.member_id).where(
            Play.member_id != showcase.logins[0]).order_by(Play.member_id).limit(1))
    return {"me": showcase.logins[0], "logins": showcase.logins, "track": track,
            "artist": artist, "friend": friend}


def test_the_demo_has_plays_rankings_and_one_token_shown_nowhere(app, demo) -> None:
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Play)) > 100
        everyone = dict(db.session.execute(
            select(MusicRanking.period + "-" + MusicRanking.kind, func.count())
            .where(MusicRanking.scope_member_id.is_(None))
            .group_by(MusicRanking.period, MusicRanking.kind)).all())
        # the week has played every one of the 8 artists, and more than 10 tracks
        assert everyone["week-artist"] == 8 and everyone["week-track"] == 10
        assert everyone["day-artist"] > 0 and everyone["day-track"] > 0
        assert db.session.scalar(select(func.count()).select_from(MusicRanking).where(
            MusicRanking.scope_member_id == demo["me"])) > 0
        tokens = db.session.scalars(select(MusicSetting.member_id).where(
            MusicSetting.token_hash.is_not(None))).all()
        assert tokens == [demo["me"]]


@pytest.mark.parametrize("name", HANDSETS)
def test_every_demo_music_page_passes_the_checker(app, demo, logged_in, name) -> None:
    browser = logged_in(name, demo["me"])
    for path in ("/music", "/music?period=week&kind=artist&scope=friends",
                 f"/music/artists/{demo['artist']}", f"/music/tracks/{demo['track']}",
                 f"/members/{demo['me']}/music", f"/members/{demo['me']}", "/settings/music"):
        text = browser.page(path)
        assert "ミュージック" in text or "聴いた曲" in text, path
        no_checker_errors(app, browser, path, browser.get(path))
