"""Recompute the rankings when they are due (the worker's maintenance calls it).

日間 (day) counts the plays of the last 24 hours, 週間 (week) those of the last 7 days; for
each, the top artists and the top tracks of everyone, and of each member's friends. Everyone's
ranking counts the plays of every member who does not keep theirs to themselves (非公開);
a member's friends' ranking counts only the plays that member may see (no 非公開 ones, none of
a friend a block stands between). Ranks go by plays, then listeners, then name (code point
order on every backend), then id, so equal counts always rank the same way.

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
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from keitai.models.base import UTCDateTime
from keitai.models.friendship import Friendship
from keitai.models.music import (
    Artist,
    MusicRanking,
    MusicRankingRun,
    MusicSetting,
    Play,
    Track,
)
from keitai.privacy import Visibility, blocked_expr

#: the periods, by how far back they count
PERIODS: dict[str, timedelta] = {"day": timedelta(days=1), "week": timedelta(days=7)}
KINDS = ("artist", "track")
#: how many lines a ranking has
TOP = 10
#: the one row of music_ranking_runs
RUN_ID = 1
#: the visibility of a member who never chose one
DEFAULT_VISIBILITY = Visibility.FRIENDS.value


def plays_visibility() -> Any:
    """Return the visibility of a play's owner (joined as MusicSetting), the default when
    they never chose one."""
    return func.coalesce(MusicSetting.visibility, DEFAULT_VISIBILITY)


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


def _write(session: Session, now: datetime, period: str, kind: str, friends: bool) -> None:
    """Insert one ranking (everyone's, or every member's friends') with one statement."""
    subject = Track.artist_id if kind == "artist" else Track.id
    counted = (select(subject.label("subject_id"), func.count().label("plays"),
                      func.count(distinct(Play.member_id)).label("listeners"))
               .select_from(Play)
               .join(Track, Track.id == Play.track_id)
               .outerjoin(MusicSetting, MusicSetting.member_id == Play.member_id)
               .where(Play.played_at > now - PERIODS[period], Play.played_at <= now,
                      plays_visibility() != Visibility.ONLY_ME.value))
    if friends:
        counted = (counted.add_columns(Friendship.member_id.label("scope"))
                   .join(Friendship, Friendship.friend_id == Play.member_id)
                   .where(~blocked_expr(Friendship.member_id, Friendship.friend_id))
                   .group_by(Friendship.member_id, subject))
    else:
        counted = counted.add_columns(cast(null(), Integer).label("scope")).group_by(subject)
    totals = counted.subquery("totals")
    named = Artist if kind == "artist" else Track
    name = Artist.name if kind == "artist" else Track.title
    rank = func.row_number().over(
        partition_by=totals.c.scope if friends else None,
        order_by=(totals.c.plays.desc(), totals.c.listeners.desc(), _ordered(session, name),
                  totals.c.subject_id))
    ranked = (select(totals.c.scope, totals.c.subject_id, totals.c.plays, totals.c.listeners,
                     rank.label("rank"))
              .join(named, named.id == totals.c.subject_id).subquery("ranked"))
    session.execute(insert(MusicRanking).from_select(
        ["period", "kind", "scope_member_id", "rank", "subject_id", "plays", "listeners",
         "computed_at"],
        select(literal(period, String), literal(kind, String), ranked.c.scope, ranked.c.rank,
               ranked.c.subject_id, ranked.c.plays, ranked.c.listeners,
               literal(now, UTCDateTime()))
        .where(ranked.c.rank <= TOP)))


def compute_due(session: Session, now: datetime) -> int:
    """Recompute the rankings when they are due.

    Return how much this call did: the ranking lines written (0: nothing due now)."""
    if not _claim(session, now):
        return 0
    session.execute(delete(MusicRanking))
    for period in PERIODS:
        for kind in KINDS:
            for friends in (False, True):
                _write(session, now, period, kind, friends)
    return int(session.scalar(select(func.count()).select_from(MusicRanking)) or 0)
