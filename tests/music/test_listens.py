"""music_listens (a member's plays of a track) kept with each new play, and the totals the
worker writes for the artist's and the track's pages: right after resends, batches,
visibility changes and a member's deletion."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select

from keitai.db import db
from keitai.models import Artist, ArtistTotal, Listen, Member, Track, TrackTotal
from keitai.models.base import utcnow
from tests.music.conftest import add_plays, compute, set_visibility
from tests.social.conftest import befriend


def ago(minutes: float) -> datetime:
    return (utcnow() - timedelta(minutes=minutes)).replace(microsecond=0)


def listens(app, member_id: int) -> dict[str, tuple[int, datetime]]:
    """Return the member's listens as title -> (plays, last played)."""
    with app.app_context():
        rows = db.session.execute(
            select(Track.title, Listen.plays, Listen.last_played_at)
            .join(Track, Track.id == Listen.track_id)
            .where(Listen.member_id == member_id)).all()
        return {row.title: (row.plays, row.last_played_at) for row in rows}


def track_totals(app) -> dict[str, tuple[int, int]]:
    """Return the worker's totals as title -> (all-time plays, plays of the week)."""
    with app.app_context():
        rows = db.session.execute(select(Track.title, TrackTotal.plays, TrackTotal.plays_week)
                                  .join(Track, Track.id == TrackTotal.track_id)).all()
        return {row.title: (row.plays, row.plays_week) for row in rows}


def test_a_batch_counts_each_new_play_once_and_keeps_the_latest_time(app, member) -> None:
    me = member("わたし")
    first, second, third = ago(300), ago(100), ago(200)
    add_plays(app, me, [("歌手", "曲A", first), ("歌手", "曲A", second), ("歌手", "曲A", third),
                        ("歌手", "曲B", first + timedelta(seconds=1)),
                        ("歌手", "曲B", first + timedelta(seconds=1))])  # twice in one batch
    assert listens(app, me) == {"曲A": (3, second), "曲B": (1, first + timedelta(seconds=1))}
    with app.app_context():
        artist = db.session.scalar(select(Artist.id).where(Artist.name == "歌手"))
        assert set(db.session.scalars(select(Listen.artist_id).where(
            Listen.member_id == me))) == {artist}


def test_a_resent_play_counts_nothing_and_a_new_one_adds_to_the_row(app, member) -> None:
    me = member("わたし")
    batch = [("歌手", "曲A", ago(300)), ("歌手", "曲A", ago(200))]
    add_plays(app, me, batch)
    add_plays(app, me, batch)  # the player resends the same batch
    assert listens(app, me)["曲A"] == (2, ago(200))
    add_plays(app, me, [("歌手", "曲A", ago(400)), ("歌手", "曲A", ago(50))])
    assert listens(app, me)["曲A"] == (4, ago(50))
    add_plays(app, me, [("歌手", "曲A", ago(50))])  # same time, even of another track: refused
    assert listens(app, me)["曲A"] == (4, ago(50))


def test_the_totals_follow_the_plays_and_leave_out_hidden_ones(app, member,
                                                               logged_in) -> None:
    me, other = member("わたし"), member("あいて")
    add_plays(app, me, [("歌手", "曲A", ago(10)), ("歌手", "曲A", ago(20)),
                        ("歌手", "曲A", ago(60 * 24 * 10))])  # ten days ago: not this week
    add_plays(app, other, [("歌手", "曲A", ago(30)), ("歌手", "曲B", ago(40))])
    now = utcnow()
    compute(app, now)
    assert track_totals(app) == {"曲A": (4, 3), "曲B": (1, 1)}
    with app.app_context():
        assert db.session.scalar(select(ArtistTotal.plays_week)) == 4
    set_visibility(app, me, "only_me")
    compute(app, now + timedelta(hours=1))
    assert track_totals(app) == {"曲A": (1, 1), "曲B": (1, 1)}
    set_visibility(app, other, "only_me")
    compute(app, now + timedelta(hours=2))
    assert track_totals(app) == {}
    with app.app_context():
        assert db.session.scalar(select(ArtistTotal.plays_week)) is None
        track = db.session.scalar(select(Track.id).where(Track.title == "曲A"))
    page = logged_in("au-W53CA", me).page(f"/music/tracks/{track}")
    assert "この1週間0回 / これまで0回" in page and "集計 " in page


def test_an_artists_page_lists_the_most_played_tracks_then_the_rest_by_title(
        app, member, logged_in) -> None:
    me = member("わたし")
    add_plays(app, me, [("歌手", "曲C", ago(1)), ("歌手", "曲C", ago(2)), ("歌手", "曲B", ago(3)),
                        ("歌手", "曲A", ago(4))])
    set_visibility(app, me, "only_me")  # 曲A's, 曲B's and 曲C's plays: counted nowhere
    add_plays(app, member("あいて"), [("歌手", "曲C", ago(5)), ("歌手", "曲D", ago(6)),
                                     ("歌手", "曲D", ago(7))])
    compute(app, utcnow())
    with app.app_context():
        artist = db.session.scalar(select(Artist.id).where(Artist.name == "歌手"))
    page = logged_in("pc-Firefox", me).page(f"/music/artists/{artist}")
    assert "この1週間の再生: 3回" in page
    order = [page.index(f"{n}. ") for n in range(1, 5)]
    assert order == sorted(order)
    assert page.index("曲D") < page.index("曲C") < page.index("曲A") < page.index("曲B")
    assert "曲D</a> 2回" in page and "曲C</a> 1回" in page


def test_friends_who_listened_read_the_listens_of_the_week(app, member, logged_in) -> None:
    me, friend = member("わたし"), member("とも")
    befriend(app, me, friend)
    add_plays(app, friend, [("歌手", "曲A", ago(60 * 24 * 8))])  # eight days ago
    with app.app_context():
        track = db.session.scalar(select(Track.id).where(Track.title == "曲A"))
        artist = db.session.scalar(select(Artist.id).where(Artist.name == "歌手"))
    browser = logged_in("docomo-P903i", me)
    assert "とも" not in browser.page(f"/music/tracks/{track}")
    assert "とも" not in browser.page(f"/music/artists/{artist}")
    add_plays(app, friend, [("歌手", "曲A", ago(60))])
    assert "とも" in browser.page(f"/music/tracks/{track}")
    assert "とも" in browser.page(f"/music/artists/{artist}")


def test_a_deleted_members_listens_go_with_them(app, member) -> None:
    me, other = member("わたし"), member("あいて")
    add_plays(app, me, [("歌手", "曲A", ago(10))])
    add_plays(app, other, [("歌手", "曲A", ago(20))])
    compute(app, utcnow())
    with app.app_context():
        db.session.execute(delete(Member).where(Member.id == me))
        db.session.commit()
    assert listens(app, me) == {} and listens(app, other) != {}
    compute(app, utcnow() + timedelta(hours=1))
    assert track_totals(app) == {"曲A": (1, 1)}
