"""The rankings the worker computes: known plays at a fixed time give exact ranks and counts,
for the day and the week, for everyone and among one member's friends; hidden plays and blocks
left out; ties always broken the same way; recomputed only when due."""
from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from keitai.db import db
from keitai.features.music import queries, rankings
from keitai.jobs.worker import Worker
from keitai.models import MusicRanking
from keitai.uow import unit_of_work
from tests.music.conftest import add_plays, compute, set_visibility
from tests.social.conftest import befriend, block

#: the fixed time the worker computes at (15:00 in Japan)
NOW = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)
#: artists and their tracks: codepoint order puts "Zebra" before "apple" (a locale would not)
A, B, C = "あおぞら", "Blue", "Cyan"
A1, A2, B1, B2, C1 = "朝の歌", "Zebra", "波", "apple", "夕焼け"


def ago(hours: float) -> datetime:
    return NOW - timedelta(hours=hours)


@pytest.fixture()
def charts(app, member):
    """わたし with friends ひとり and ふたり (who share), かくす (a friend who hides her
    plays) and ブロック (a friend わたし blocked); たにん, a stranger; and their plays."""
    people = {name: member(name) for name in
              ("わたし", "ひとり", "ふたり", "かくす", "ブロック", "たにん")}
    me = people["わたし"]
    befriend(app, me, people["ひとり"], people["ふたり"], people["かくす"], people["ブロック"])
    block(app, me, people["ブロック"])
    set_visibility(app, people["かくす"], "only_me")
    set_visibility(app, people["たにん"], "everyone")
    add_plays(app, people["ひとり"], [(A, A1, ago(1)), (A, A1, ago(2)), (B, B1, ago(3)),
                                      (A, A2, ago(30)), (A, A1, ago(24 * 8))])
    add_plays(app, people["ふたり"], [(A, A1, ago(5)), (C, C1, ago(6)), (C, C1, ago(50))])
    add_plays(app, people["たにん"], [(B, B1, ago(1)), (B, B1, ago(2)), (B, B2, ago(3)),
                                      (C, C1, ago(4))])
    add_plays(app, people["かくす"], [(C, C1, ago(hours)) for hours in range(1, 6)])
    add_plays(app, people["ブロック"], [(B, B1, ago(hours)) for hours in range(1, 5)])
    add_plays(app, me, [(A, A1, ago(1))])
    return people


def lines(app, period: str, kind: str, scope: int | None) -> list[tuple[str, int, int]]:
    """Return a ranking as (name, plays, listeners) in rank order."""
    with app.app_context():
        rows = queries.ranking(period, kind, scope)
        assert [row.rank for row in rows] == list(range(1, len(rows) + 1))
        return [(row.artist_name if kind == "artist" else row.title, row.plays,
                 row.listeners) for row in rows]


def test_everyones_rankings_count_all_shared_plays_of_the_period(app, charts) -> None:
    assert compute(app, NOW) == 40
    assert lines(app, "day", "artist", None) == [(B, 8, 3), (A, 4, 3), (C, 2, 2)]
    assert lines(app, "day", "track", None) == [(B1, 7, 3), (A1, 4, 3), (C1, 2, 2),
                                                (B2, 1, 1)]
    assert lines(app, "week", "artist", None) == [(B, 8, 3), (A, 5, 3), (C, 3, 2)]
    # Zebra and apple: one play by one listener each, in code point order on every backend
    assert lines(app, "week", "track", None) == [(B1, 7, 3), (A1, 4, 3), (C1, 3, 2),
                                                 (A2, 1, 1), (B2, 1, 1)]


def test_my_friends_rankings_leave_out_hidden_plays_blocked_friends_and_me(app,
                                                                          charts) -> None:
    compute(app, NOW)
    me = charts["わたし"]
    assert lines(app, "day", "artist", me) == [(A, 3, 2), (B, 1, 1), (C, 1, 1)]
    assert lines(app, "day", "track", me) == [(A1, 3, 2), (C1, 1, 1), (B1, 1, 1)]
    assert lines(app, "week", "artist", me) == [(A, 4, 2), (C, 2, 1), (B, 1, 1)]
    assert lines(app, "week", "track", me) == [(A1, 3, 2), (C1, 2, 1), (A2, 1, 1), (B1, 1, 1)]
    # my own play counts among the friends of each friend who may see it; none for the
    # friend I blocked, none for a stranger
    assert lines(app, "day", "artist", charts["ひとり"]) == [(A, 1, 1)]
    assert lines(app, "week", "track", charts["かくす"]) == [(A1, 1, 1)]
    assert lines(app, "day", "artist", charts["ブロック"]) == []
    assert lines(app, "week", "artist", charts["たにん"]) == []


def test_a_member_who_hides_plays_from_friends_is_left_out_of_their_ranking(app,
                                                                           charts) -> None:
    set_visibility(app, charts["わたし"], "only_me")
    compute(app, NOW)
    assert lines(app, "day", "artist", charts["ひとり"]) == []
    assert lines(app, "day", "artist", None) == [(B, 8, 3), (A, 3, 2), (C, 2, 2)]


def test_ties_go_to_more_listeners_then_name_then_id(app, member) -> None:
    one, two = member("いち"), member("に")
    add_plays(app, one, [("X", "ん", ago(1)), ("X", "ん", ago(2)), ("X", "ア", ago(3))])
    add_plays(app, two, [("X", "ん", ago(1)), ("X", "あ", ago(2)), ("X", "ア", ago(3)),
                         ("X", "あ", ago(4))])
    compute(app, NOW)
    # ん 3 plays; あ and ア 2 plays each, ア by two listeners; then by name
    assert lines(app, "day", "track", None) == [("ん", 3, 2), ("ア", 2, 2), ("あ", 2, 1)]
    add_plays(app, one, [("X", "あ", ago(5))])
    add_plays(app, two, [("X", "ア", ago(5))])
    compute(app, NOW + timedelta(hours=1))
    # all three 3 plays by two listeners: by name, in code point order (あ U+3042,
    # ん U+3093, ア U+30A2)
    assert lines(app, "day", "track", None) == [("あ", 3, 2), ("ん", 3, 2), ("ア", 3, 2)]


def test_the_top_ten_only(app, member) -> None:
    me = member("たくさん")
    titles = [f"曲{n:02d}" for n in range(1, 13) for _ in range(13 - n)]  # 曲01 12 times...
    add_plays(app, me, [("X", title, ago(index / 60)) for index, title in enumerate(titles)])
    compute(app, NOW)
    shown = lines(app, "day", "track", None)
    assert [title for title, _plays, _listeners in shown] == [f"曲{n:02d}" for n in range(1, 11)]
    assert shown[0][1] == 12 and shown[-1][1] == 3


def test_rankings_are_recomputed_only_when_due(app, charts) -> None:
    minutes = app.config["MUSIC_RANKING_MINUTES"]
    assert compute(app, NOW) == 40
    assert compute(app, NOW + timedelta(minutes=1)) == 0
    add_plays(app, charts["たにん"], [(C, C1, ago(0.05))])
    assert compute(app, NOW + timedelta(minutes=minutes - 1)) == 0
    assert lines(app, "day", "artist", None)[-1] == (C, 2, 2)  # the old computation stands
    assert compute(app, NOW + timedelta(minutes=minutes)) == 40
    assert lines(app, "day", "artist", None)[-1] == (C, 3, 2)
    with app.app_context():
        assert queries.computed_at() == NOW + timedelta(minutes=minutes)
        assert db.session.scalar(select(func.count()).select_from(MusicRanking)) == 40


def test_the_workers_maintenance_computes_them_once(app, charts) -> None:
    worker = Worker(app)
    first = worker.maintain(NOW)
    assert first["music_rankings"] == 40
    assert worker.maintain(NOW + timedelta(seconds=30))["music_rankings"] == 0


def test_with_no_plays_nothing_is_written(app, member) -> None:
    member("だれか")
    assert compute(app, NOW) == 0
    assert compute(app, NOW + timedelta(hours=1)) == 0
    with app.app_context():
        assert queries.ranking("day", "track", None) == []


def test_two_workers_at_once_compute_the_rankings_once(app, charts) -> None:
    results: list[int] = []
    start = threading.Barrier(2)

    def work() -> None:
        with app.app_context():
            start.wait()
            try:
                with unit_of_work() as session:
                    results.append(rankings.compute_due(session, NOW))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == [0, 40]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(MusicRanking)) == 40
