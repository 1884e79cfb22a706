"""The music pages on every kind of handset: the rankings with their switches, an artist, a
track, a member's plays and the settings; each fits the handset, passes the site checker, and
shows plays only to whom their owner lets see them."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from keitai.db import db
from keitai.models import MusicSetting
from keitai.models.base import utcnow
from tests.friend_lists.test_every_page import no_checker_errors
from tests.music.conftest import HANDSETS, add_plays, compute, set_visibility
from tests.social.conftest import access_key, befriend, block


def ago(minutes: float):
    return utcnow() - timedelta(minutes=minutes)


@pytest.fixture()
def scene(app, member):
    """わたし and her friend とも, with a week of plays each, and the rankings computed."""
    me, friend, stranger = member("わたし"), member("とも"), member("たにん")
    befriend(app, me, friend)
    add_plays(app, me, [("ほしのうみ", f"夜の電車{n}", ago(60 * n + 5)) for n in range(25)],
              album="青い駅")
    add_plays(app, friend, [("ほしのうみ", "夜の電車0", ago(30)),
                            ("ゆきんこ☀", "冬のうた", ago(90))])
    add_plays(app, stranger, [("ゆきんこ☀", "冬のうた", ago(10))])
    compute(app, utcnow())
    with app.app_context():
        from keitai.models import Artist, Track

        artist = db.session.scalar(select(Artist.id).where(Artist.name == "ほしのうみ"))
        track = db.session.scalar(select(Track.id).where(Track.title == "夜の電車0"))
    return {"me": me, "friend": friend, "stranger": stranger, "artist": artist,
            "track": track}


PAGES = ["/music", "/music?period=week&kind=artist&scope=friends",
         "/music?period=day&kind=track&scope=friends", "/music/artists/{artist}",
         "/music/tracks/{track}", "/members/{me}/music", "/members/{me}/music?page=2",
         "/members/{friend}/music", "/settings/music"]


@pytest.mark.parametrize("name", HANDSETS)
def test_every_music_page_fits_the_handset_and_passes_the_checker(app, scene, logged_in,
                                                                 name) -> None:
    browser = logged_in(name, scene["me"])
    for path in PAGES:
        url = path.format(**scene)
        text = browser.page(url)
        assert access_key(text, "0", "トップ"), url
        no_checker_errors(app, browser, url, browser.get(url))


def test_the_music_page_shows_my_plays_and_the_chosen_ranking(app, scene, logged_in) -> None:
    browser = logged_in("docomo-N505i", scene["me"])
    text = browser.whole("/music")  # split in parts on this small handset: read them all
    assert "夜の電車0" in text and "夜の電車4" in text and "夜の電車5" not in text
    assert "[日間]" in text and "[曲]" in text and "[みんな]" in text
    assert "1. " in text and "集計 " in text
    friends = browser.whole("/music?period=week&kind=artist&scope=friends")
    assert "[週間]" in friends and "[アーティスト]" in friends and "[マイミク]" in friends
    ranking = friends[friends.index("[マイミク]"):]
    assert "1. " in ranking and "ほしのうみ" in ranking and "ゆきんこ" in ranking


def test_a_pc_shows_listeners_and_albums_a_small_handset_does_not(app, scene,
                                                                  logged_in) -> None:
    pc = logged_in("pc-Firefox", scene["me"]).page("/music")
    small = logged_in("docomo-D501i", scene["me"]).whole("/music")  # every part of it
    assert "人)" in pc and "(青い駅)" in pc
    assert "人)" not in small and "青い駅" not in small


def test_the_artist_and_track_pages_show_plays_and_friends_who_listened(app, scene,
                                                                      logged_in) -> None:
    browser = logged_in("au-W53CA", scene["me"])
    artist = browser.page(f"/music/artists/{scene['artist']}")
    assert "ほしのうみ" in artist and "この1週間の再生: 26回" in artist
    assert "とも" in artist and "夜の電車0" in artist
    track = browser.page(f"/music/tracks/{scene['track']}")
    assert "この1週間2回 / これまで2回" in track and "とも" in track
    set_visibility(app, scene["friend"], "only_me")
    assert "とも" not in browser.page(f"/music/tracks/{scene['track']}")
    assert browser.get("/music/artists/999999", expect_errors=True).status_int == 404
    assert browser.get("/music/tracks/999999", expect_errors=True).status_int == 404


def test_a_members_plays_are_shown_in_pages_to_whom_she_lets_see_them(app, scene,
                                                                      logged_in) -> None:
    mine = f"/members/{scene['me']}/music"
    friend = logged_in("docomo-D501i", scene["friend"])  # 10 a page
    first = friend.page(mine)
    assert "夜の電車0" in first and "夜の電車9" in first and "夜の電車10" not in first
    assert access_key(first, "6", "次へ")
    assert "夜の電車24" in friend.page(mine + "?page=3")
    stranger = logged_in("docomo-N505i", scene["stranger"])
    refused = stranger.get(mine, expect_errors=True)
    assert refused.status_int == 403
    assert "わたしさんの聴いた曲は公開されていません。" in stranger.text(refused)
    set_visibility(app, scene["me"], "everyone")
    assert "夜の電車0" in stranger.page(mine)
    block(app, scene["me"], scene["stranger"])
    assert stranger.get(mine, expect_errors=True).status_int == 404


def test_the_profile_shows_the_latest_three_plays_to_allowed_viewers_only(app, scene,
                                                                         logged_in) -> None:
    profile = f"/members/{scene['me']}"
    text = logged_in("docomo-N505i", scene["friend"]).page(profile)
    assert "最近聴いた曲" in text
    assert "夜の電車0" in text and "夜の電車2" in text and "夜の電車3" not in text
    assert f"/members/{scene['me']}/music" in text
    stranger = logged_in("docomo-N505i", scene["stranger"]).page(profile)
    assert "最近聴いた曲" not in stranger and "夜の電車" not in stranger
    set_visibility(app, scene["me"], "only_me")
    assert "夜の電車" not in logged_in("au-W53CA", scene["friend"]).page(profile)
    assert "夜の電車0" in logged_in("pc-Firefox", scene["me"]).page(profile)


def test_visitors_are_sent_to_log_in(app, scene, handset) -> None:
    for path in ("/music", f"/music/artists/{scene['artist']}", f"/members/{scene['me']}/music",
                 "/settings/music"):
        response = handset("docomo-N505i").get(path)
        assert response.status_int == 302 and "/login" in response.headers["Location"]


def test_nonsense_switches_show_the_default_ranking(app, scene, logged_in) -> None:
    text = logged_in("softbank-930SH", scene["me"]).page("/music?period=year&kind=x&scope=y")
    assert "[日間]" in text and "[曲]" in text and "[みんな]" in text


def test_no_settings_row_is_written_by_looking(app, scene, logged_in) -> None:
    browser = logged_in("pc-Firefox", scene["friend"])
    browser.page("/settings/music")
    browser.page("/music")
    with app.app_context():
        assert db.session.get(MusicSetting, scene["friend"]) is None
