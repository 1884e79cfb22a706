"""POST /api/plays: a player reports what it played, authenticated by its token alone;
idempotent per member and time, checked field by field, limited per hour."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from keitai.db import db
from keitai.models import Artist, Member, Play, Track
from keitai.models.base import utcnow
from keitai.moderation import bans
from tests.music.conftest import iso, issue_token, play


def plays_of(app, member_id: int) -> list[tuple[str, str, str | None]]:
    """Return the member's plays as (artist, title, album), oldest first."""
    with app.app_context():
        rows = db.session.execute(
            select(Artist.name, Track.title, Play.album)
            .join(Track, Track.id == Play.track_id).join(Artist, Artist.id == Track.artist_id)
            .where(Play.member_id == member_id).order_by(Play.played_at)).all()
        return [tuple(row) for row in rows]


# --- authentication ---------------------------------------------------------------------

def test_a_play_with_the_members_token_is_recorded_with_201(app, member, player) -> None:
    me = member("わたし")
    token = issue_token(app, me)
    response = player.plays(play(album="青い駅"), token)
    assert response.status_int == 201
    assert response.content_type == "application/json"
    assert response.json["status"] == "recorded" and response.json["recorded"] == 1
    assert plays_of(app, me) == [("ほしのうみ", "夜の電車", "青い駅")]


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer ", "Basic dXNlcjpwYXNz",
                                    "Bearer not-a-token", "Bearer " + "x" * 200])
def test_a_missing_or_wrong_token_is_refused_with_401_and_records_nothing(
        app, member, player, header) -> None:
    me = member("わたし")
    issue_token(app, me)
    response = player.plays(play(), None,
                            headers={"Authorization": header} if header else None)
    assert response.status_int == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.json["error"] in ("unauthorized", "invalid_token")
    assert plays_of(app, me) == []


def test_a_reissued_token_kills_the_old_one_and_a_revoked_one_is_refused(
        app, member, player) -> None:
    me = member("わたし")
    old = issue_token(app, me, "firstform-000001")
    new = issue_token(app, me, "secondform-00001")
    assert player.plays(play(minutes_ago=3), old).status_int == 401
    assert player.plays(play(minutes_ago=2), new).status_int == 201
    from keitai.features.music import service

    with app.app_context():
        service.revoke_token(me)
        db.session.commit()
    refused = player.plays(play(minutes_ago=1), new)
    assert refused.status_int == 401 and 'error="invalid_token"' in refused.headers[
        "WWW-Authenticate"]
    assert len(plays_of(app, me)) == 1


def test_a_logged_in_browsers_cookie_alone_is_refused(app, member, logged_in) -> None:
    me = member("わたし")
    issue_token(app, me)
    browser = logged_in("pc-Firefox", me)
    browser.page("/music")  # the session works for pages
    response = browser.post("/api/plays", '{"artist": "a", "title": "b", "played_at": "'
                            + iso(utcnow()) + '"}', content_type="application/json",
                            expect_errors=True)
    assert response.status_int == 401
    assert "Set-Cookie" not in response.headers
    assert plays_of(app, me) == []


def test_no_csrf_token_is_needed_and_no_cookie_is_ever_set(app, member, player) -> None:
    token = issue_token(app, member("わたし"))
    for body in (play(), play(), {"artist": ""}):
        response = player.plays(body, token)
        assert response.status_int in (200, 201, 400)
        assert "Set-Cookie" not in response.headers
    assert "Set-Cookie" not in player.plays(play(), "wrong").headers


def test_the_json_is_answered_as_sent_not_rewritten_for_a_handset(app, member, player) -> None:
    token = issue_token(app, member("わたし"))
    player.extra_environ["HTTP_USER_AGENT"] = "DoCoMo/1.0/N505i/c20/TB/W20H10"
    response = player.plays(play("ほしのうみ", "☀の歌"), token)
    assert response.status_int == 201
    assert response.content_type == "application/json"
    assert response.json["title"] == "☀の歌"  # UTF-8 JSON, no Shift_JIS, no emoji mapping


def test_a_suspended_member_is_refused_with_403(app, member, player) -> None:
    me = member("わたし")
    token = issue_token(app, me)
    with app.app_context():
        bans.suspend(me, 3, "迷惑行為")
        db.session.commit()
    response = player.plays(play(), token)
    assert response.status_int == 403 and response.json["error"] == "suspended"
    assert plays_of(app, me) == []


def test_a_banned_member_is_refused_with_403(app, member, player) -> None:
    me, operator = member("わたし"), member("うんえい")
    token = issue_token(app, me)
    with app.app_context():
        db.session.get(Member, me).mobile_email = "watashi@docomo.ne.jp"
        bans.ban_member(me, None, "迷惑行為", operator)
        db.session.commit()
    response = player.plays(play(), token)
    assert response.status_int == 403 and response.json["error"] == "forbidden"


def test_a_withdrawn_members_token_is_refused_with_401(app, member, player) -> None:
    from keitai.features.settings.service import remove_member

    me = member("わたし")
    token = issue_token(app, me)
    with app.app_context():
        remove_member(db.session.get(Member, me))
        db.session.commit()
    assert player.plays(play(), token).status_int == 401


# --- idempotency ------------------------------------------------------------------------

def test_the_same_played_at_twice_is_one_play_answered_200_the_second_time(
        app, member, player) -> None:
    me = member("わたし")
    token = issue_token(app, me)
    first = play("ほしのうみ", "夜の電車")
    assert player.plays(first, token).status_int == 201
    again = player.plays({**first, "title": "ちがう曲"}, token)
    assert again.status_int == 200 and again.json["status"] == "already_recorded"
    assert plays_of(app, me) == [("ほしのうみ", "夜の電車", None)]  # the first one wins


def test_the_same_time_in_another_offset_is_the_same_play(app, member, player) -> None:
    me = member("わたし")
    token = issue_token(app, me)
    at = utcnow().replace(microsecond=0) - timedelta(minutes=5)
    assert player.plays(play(played_at=iso(at)), token).status_int == 201
    utc = at.isoformat().replace("+00:00", "Z")
    assert player.plays(play(played_at=utc), token).status_int == 200
    assert len(plays_of(app, me)) == 1


def test_a_batch_with_duplicates_records_each_time_once(app, member, player) -> None:
    me = member("わたし")
    token = issue_token(app, me)
    at = utcnow()

    def when(minutes: int) -> str:  # one clock for the whole test: the same time each call
        return iso(at - timedelta(minutes=minutes))

    assert player.plays(play("A", "one", played_at=when(30)), token).status_int == 201
    batch = {"plays": [play("A", "one", played_at=when(30)),
                       play("B", "two", played_at=when(20)),
                       play("B", "two", played_at=when(20)),
                       play("C", "three", played_at=when(10))]}
    response = player.plays(batch, token)
    assert response.status_int == 201
    assert [item["status"] for item in response.json["plays"]] == [
        "already_recorded", "recorded", "already_recorded", "recorded"]
    assert response.json["recorded"] == 2
    assert player.plays(batch, token).status_int == 200
    assert [row[1] for row in plays_of(app, me)] == ["one", "two", "three"]


def test_names_are_one_artist_whatever_the_width_case_and_spaces(app, member, player) -> None:
    me = member("わたし")
    token = issue_token(app, me)
    for minutes, name in ((3, "Ｈｏｓｈｉ  Band"), (2, "hoshi band"), (1, " HOSHI\tBAND ")):
        assert player.plays(play(name, "Ｓｏｎｇ", minutes_ago=minutes), token).status_int == 201
    with app.app_context():
        # the name as first sent (NFC, whitespace collapsed): one artist, known by its key
        assert db.session.scalars(select(Artist.name)).all() == ["Ｈｏｓｈｉ Band"]
        assert db.session.scalar(select(func.count()).select_from(Track)) == 1


# --- validation -------------------------------------------------------------------------

@pytest.mark.parametrize(("change", "field"), [
    ({"artist": None}, "artist"), ({"artist": ""}, "artist"), ({"artist": " \t "}, "artist"),
    ({"artist": 12}, "artist"), ({"artist": "あ" * 101}, "artist"),
    ({"title": None}, "title"), ({"title": "\x07\x08"}, "title"), ({"title": "い" * 201}, "title"),
    ({"album": 3}, "album"), ({"album": "う" * 201}, "album"),
    ({"played_at": None}, "played_at"), ({"played_at": "きのう"}, "played_at"),
    ({"played_at": "2026-12-07T15:00:00"}, "played_at"), ({"played_at": 1765000000}, "played_at"),
])
def test_each_field_is_checked_and_named_when_wrong(app, member, player, change, field) -> None:
    me = member("わたし")
    token = issue_token(app, me)
    body = {key: value for key, value in {**play(), **change}.items() if value is not None}
    response = player.plays(body, token)
    assert response.status_int == 400
    assert response.json["field"] == field and response.json["message"]
    assert plays_of(app, me) == []


@pytest.mark.parametrize(("offset", "accepted"), [
    (timedelta(minutes=9), True), (timedelta(minutes=11), False),
    (-timedelta(days=13, hours=23), True), (-timedelta(days=14, minutes=1), False),
])
def test_times_too_far_ahead_or_too_old_are_refused(app, member, player, offset,
                                                    accepted) -> None:
    token = issue_token(app, member("わたし"))
    response = player.plays(play(played_at=iso(utcnow() + offset)), token)
    assert response.status_int == (201 if accepted else 400)
    if not accepted:
        assert response.json["field"] == "played_at"


def test_text_is_kept_nfc_without_control_characters(app, member, player) -> None:
    me = member("わたし")
    token = issue_token(app, me)
    decomposed = "か\u3099ら\u0000す\x1b"  # が as か + combining mark, NUL, ESC
    assert player.plays(play("バント\u3099", decomposed, album=" \u0007 "), token).status_int == 201
    assert plays_of(app, me) == [("バンド", "がらす", None)]


def test_a_bad_batch_names_the_play_and_records_none_of_it(app, member, player) -> None:
    me = member("わたし")
    token = issue_token(app, me)
    response = player.plays({"plays": [play(minutes_ago=2), play(title="", minutes_ago=1)]},
                            token)
    assert response.status_int == 400 and response.json["field"] == "plays[1].title"
    for body in ({"plays": []}, {"plays": "x"}, {"plays": [play(minutes_ago=n)
                                                             for n in range(51)]}):
        assert player.plays(body, token).json["field"] == "plays"
    assert plays_of(app, me) == []


def test_not_json_broken_json_and_too_large_bodies_are_refused(app, member, player) -> None:
    me = member("わたし")
    token = issue_token(app, me)
    form = player.plays(None, token, content_type="application/x-www-form-urlencoded",
                        raw=b"artist=a&title=b")
    assert form.status_int == 415 and form.json["error"] == "unsupported_media_type"
    broken = player.plays(None, token, raw=b'{"artist": "a", ')
    assert broken.status_int == 400 and broken.json["error"] == "invalid_json"
    sjis = player.plays(None, token, raw='{"artist": "あ"}'.encode("shift_jis"))
    assert sjis.status_int == 400 and sjis.json["error"] == "invalid_json"
    assert player.plays([1, 2], token).status_int == 400
    large = player.plays(None, token, raw=b'{"artist": "' + b"a" * 70000 + b'"}')
    assert large.status_int == 413 and large.json["error"] == "too_large"
    assert plays_of(app, me) == []


# --- the hourly limit -------------------------------------------------------------------

@pytest.mark.stores
def test_plays_over_the_hourly_limit_get_429_with_retry_after(app, member, player,
                                                            store) -> None:
    app.config["PLAYS_PER_HOUR"] = 3
    me, other = member("わたし"), member("ほかのひと")
    token, others = issue_token(app, me), issue_token(app, other)
    assert player.plays({"plays": [play(minutes_ago=n) for n in (5, 4)]}, token).status_int == 201
    third = play(minutes_ago=3)
    assert player.plays(third, token).status_int == 201
    # what is already recorded costs nothing: a player resending its queue is not punished
    assert player.plays(third, token).status_int == 200
    refused = player.plays(play(minutes_ago=2), token)
    assert refused.status_int == 429 and refused.json["error"] == "rate_limited"
    assert 0 < int(refused.headers["Retry-After"]) <= 3600
    assert len(plays_of(app, me)) == 3
    assert player.plays(play(minutes_ago=1), others).status_int == 201  # counted per member
