"""A friends' ranking is written only for members who may be logged in: nobody else can read
it, and it costs the worker friends × plays. A member back from away gets theirs at the next
run."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update

from keitai.db import db
from keitai.features.music import rankings
from keitai.models import Member, MusicRanking
from keitai.models.base import utcnow
from tests.music.conftest import add_plays, compute
from tests.social.conftest import befriend


def friends_lines(app, member_id: int) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count()).select_from(MusicRanking).where(
            MusicRanking.scope_member_id == member_id)) or 0)


def test_a_member_away_longer_than_a_session_lives_gets_no_friends_ranking(app,
                                                                           member) -> None:
    away, friend = member("るす"), member("とも")
    befriend(app, away, friend)
    add_plays(app, friend, [("歌手", "曲", utcnow() - timedelta(minutes=30))])
    add_plays(app, away, [("歌手", "曲", utcnow() - timedelta(minutes=40))])
    longest = timedelta(seconds=app.config["SESSION_MAX_SECONDS"])
    now = utcnow()
    with app.app_context():
        db.session.execute(update(Member).where(Member.id == away).values(
            created_at=now - 3 * longest, last_login_at=now - longest - timedelta(hours=1)))
        db.session.commit()
    compute(app, now)
    # the friend, who may be logged in: day and week, artist and track
    assert friends_lines(app, away) == 0 and friends_lines(app, friend) == 4
    with app.app_context():  # back: logged in just now
        db.session.execute(update(Member).where(Member.id == away).values(
            last_login_at=now))
        db.session.commit()
    compute(app, now + timedelta(hours=1))
    assert friends_lines(app, away) == 4


def test_the_demo_seed_writes_every_members_friends_ranking(app, member) -> None:
    away, friend = member("るす"), member("とも")
    befriend(app, away, friend)
    add_plays(app, friend, [("歌手", "曲", utcnow() - timedelta(minutes=30))])
    with app.app_context():
        db.session.execute(update(Member).where(Member.id == away).values(
            created_at=utcnow() - timedelta(days=400), last_login_at=None))
        rankings.compute_due(db.session(), utcnow(), every_member=True)
        db.session.commit()
    assert friends_lines(app, away) == 4
