"""The music pages and the profile's 最近聴いた曲 run a fixed number of SQL statements, however
many friends, plays and ranking lines there are."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from keitai.db import db
from keitai.models import Artist, Track
from keitai.models.base import utcnow
from tests.music.conftest import add_plays, compute
from tests.social.conftest import befriend, crowd
from tests.sql import counting_sql

PAGES = ["/music", "/music?period=week&kind=artist&scope=friends", "/music/artists/{artist}",
         "/music/tracks/{track}", "/members/{other}/music", "/members/{other}",
         "/settings/music"]


def scene(app, member, size: int) -> dict[str, int]:
    """わたし and あいて with `size` friends each, every friend with `size` plays."""
    me, other = member(f"わたし{size}"), member(f"あいて{size}")
    people = crowd(app, size, prefix=f"m{size}-")
    befriend(app, me, other, *people)
    now = utcnow()
    for index, person in enumerate([other, *people]):
        add_plays(app, person, [(f"歌手{size}-{n % 12}", f"曲{n}", now - timedelta(
            minutes=5 + index + n * 37)) for n in range(size)])
    compute(app, now + timedelta(minutes=size))  # due again for the larger scene
    with app.app_context():
        artist = db.session.scalar(select(Artist.id).order_by(Artist.id.desc()).limit(1))
        track = db.session.scalar(select(Track.id).where(Track.artist_id == artist).limit(1))
    return {"me": me, "other": other, "artist": artist, "track": track}


@pytest.mark.parametrize("path", PAGES)
def test_a_page_runs_as_many_statements_with_2_or_40_friends_playing(app, member, logged_in,
                                                                     path) -> None:
    counts = []
    for size in (2, 40):
        found = scene(app, member, size)
        browser = logged_in("docomo-N505i", found["me"])
        url = path.format(**found)
        browser.page(url)  # the first visit leaves a footprint; count the second
        with counting_sql(app) as statements:
            browser.page(url)
        counts.append(len(statements))
    assert counts[0] == counts[1] <= 12, counts
