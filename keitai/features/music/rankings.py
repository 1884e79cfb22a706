"""Recompute the rankings when they are due (the worker's maintenance calls it).

日間 (day) counts the plays of the last 24 hours, 週間 (week) those of the last 7 days; for
each, the top artists and the top tracks of everyone, and of each member's friends. Everyone's
ranking counts the plays of every member who does not keep theirs to themselves (非公開);
a member's friends' ranking counts only the plays that member may see (no 非公開 ones, none of
a friend a block stands between). Ranks go by plays, then listeners, then name (code point
order on every backend), then id, so equal counts always rank the same way.

A friends' ranking is written only for a member who may be logged in (logged in, or joined,
within SESSION_MAX_SECONDS: no session lives longer), since nobody else can read it: at mixi's
scale most members are away on any day, and that work grows with friends × plays. A member
who comes back finds theirs at the next run (MUSIC_RANKING_MINUTES). The same run writes the
tracks' and artists' totals the artist and track pages read (keitai.features.music.totals).

Everything is written in set-based statements, in the caller's one transaction: the old
rankings are deleted and the new ones inserted, so a page reads one computation or the other.
Workers claim a run by moving music_ranking_runs' one row forward with a conditional UPDATE:
of two at once, one computes and the other finds nothing due.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import (
    Integer,
    String,
    cast,
    delete,
    distinct,
    func,
    insert,
    literal,
    null,
    select,
    true,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from keitai.features.music import totals
from keitai.features.music.counted import WEEK, counted
from keitai.models.base import UTCDateTime
from keitai.models.friendship import Friendship
from keitai.models.member import Member
from keitai.models.music import (
    Artist,
    MusicRanking,
    MusicRankingRun,
    MusicSetting,
    Play,
    Track,
)
from keitai.privacy import blocked_expr

#: the periods, by how far back they count
PERIODS: dict[str, timedelta] = {"day": timedelta(days=1), "week": WEEK}
KINDS = ("artist", "track")
#: how many lines a ranking has
TOP = 10
#: the one row of music_ranking_runs
RUN_ID = 1
def _claim(session: Session, now: datetime) -> bool:
    """Take the run when none was ever made or the last is older than the setting."""
    dialect = session.get_bind().dialect.name
    upsert = pg_insert if dialect == "postgresql" else sqlite_insert
    first = session.execute(upsert(MusicRankingRun).values(id=RUN_ID, computed_at=now)
                            .on_conflict_do_nothing().returning(MusicRankingRun.id)).first()
    if first is not None:
        return True
    due = now - timedelta(minutes=float(current_app.config["MUSIC_RANKING_MINUTES"]))
    moved = session.execute(update(MusicRankingRun)
                            .where(MusicRankingRun.id == RUN_ID,
                                   MusicRankingRun.computed_at <= due)
                            .values(computed_at=now)
                            .execution_options(synchronize_session=False))
    return getattr(moved, "rowcount", 0) == 1


def _ordered(session: Session, column: Any) -> Any:
    """Return column in code point order on this backend (not the locale's)."""
    return column.collate("C" if session.get_bind().dialect.name == "postgresql" else "BINARY")


def _active(now: datetime, every_member: bool) -> Any:
    """Return the condition of a member (joined as Member) who may be logged in now: one
    who logged in (or, never having, joined) within a session's longest life."""
    if every_member:
        return true()
    longest = timedelta(seconds=float(current_app.config["SESSION_MAX_SECONDS"]))
    return func.coalesce(Member.last_login_at, Member.created_at) > now - longest


def _write(session: Session, now: datetime, period: str, kind: str, friends: bool,
           every_member: bool = False) -> None:
    """Insert one ranking (everyone's, or every member's friends') with one statement."""
    subject = Track.artist_id if kind == "artist" else Track.id
    window = (Play.played_at > now - PERIODS[period], Play.played_at <= now, counted())
    if friends:
        grouped = (select(subject.label("subject_id"), func.count().label("plays"),
                          func.count(distinct(Play.member_id)).label("listeners"),
                          Friendship.member_id.label("scope"))
                   .select_from(Member)
                   .join(Friendship, Friendship.member_id == Member.id)
                   .join(Play, Play.member_id == Friendship.friend_id)
                   .join(Track, Track.id == Play.track_id)
                   .outerjoin(MusicSetting, MusicSetting.member_id == Play.member_id)
                   .where(*window, _active(now, every_member),
                          ~blocked_expr(Friendship.member_id, Friendship.friend_id))
                   .group_by(Friendship.member_id, subject))
    else:
        grouped = (select(subject.label("subject_id"), func.count().label("plays"),
                          func.count(distinct(Play.member_id)).label("listeners"),
                          cast(null(), Integer).label("scope"))
                   .select_from(Play).join(Track, Track.id == Play.track_id)
                   .outerjoin(MusicSetting, MusicSetting.member_id == Play.member_id)
                   .where(*window).group_by(subject))
    summed = grouped.subquery("summed")
    named = Artist if kind == "artist" else Track
    name = Artist.name if kind == "artist" else Track.title
    rank = func.row_number().over(
        partition_by=summed.c.scope if friends else None,
        order_by=(summed.c.plays.desc(), summed.c.listeners.desc(), _ordered(session, name),
                  summed.c.subject_id))
    ranked = (select(summed.c.scope, summed.c.subject_id, summed.c.plays, summed.c.listeners,
                     rank.label("rank"))
              .join(named, named.id == summed.c.subject_id).subquery("ranked"))
    session.execute(insert(MusicRanking).from_select(
        ["period", "kind", "scope_member_id", "rank", "subject_id", "plays", "listeners",
         "computed_at"],
        select(literal(period, String), literal(kind, String), ranked.c.scope, ranked.c.rank,
               ranked.c.subject_id, ranked.c.plays, ranked.c.listeners,
               literal(now, UTCDateTime()))
        .where(ranked.c.rank <= TOP)))


def compute_due(session: Session, now: datetime, *, every_member: bool = False) -> int:
    """Recompute the rankings when they are due (every_member: write the friends' rankings of
    every member, not only of those who may be logged in; for the demo's seed).

    Return how much this call did: the ranking lines written (0: nothing due now)."""
    if not _claim(session, now):
        return 0
    session.execute(delete(MusicRanking))
    totals.write(session, now)
    for period in PERIODS:
        for kind in KINDS:
            for friends in (False, True):
                _write(session, now, period, kind, friends, every_member)
    return int(session.scalar(select(func.count()).select_from(MusicRanking)) or 0)
