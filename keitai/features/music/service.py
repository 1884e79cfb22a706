"""Writes of ミュージック: a member's player token and the visibility of their plays, and the
plays a player reports (artists and tracks made on first sight)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, tuple_, update

from keitai.db import db
from keitai.domain import DomainError
from keitai.features.music.listens import count_new
from keitai.models.base import utcnow
from keitai.models.music import Artist, MusicSetting, Play, Track
from keitai.privacy import Visibility
from keitai.security import keyed_hash, new_token
from keitai.upsert import dialect_insert, insert_ignore

#: the purpose the token's keyed hash is made under
TOKEN_PURPOSE = "music-token"
#: every player token starts so: never with "-" (a command line would read an option), and
#: a leaked one is recognisable
TOKEN_PREFIX = "kst_"


@dataclass(frozen=True, slots=True)
class PlayIn:
    """One play as the API accepted it: cleaned text, keys, the time in UTC."""

    artist: str
    artist_key: str
    title: str
    title_key: str
    album: str | None
    played_at: datetime


def token_hash(token: str) -> str:
    """Return how a player token is stored and looked up: its keyed hash."""
    return keyed_hash(TOKEN_PURPOSE, token)


def settings_of(member_id: int) -> MusicSetting | None:
    """Return the member's music settings, or None when they never made any."""
    return db.session.get(MusicSetting, member_id)


def _settings(member_id: int) -> MusicSetting:
    insert_ignore(MusicSetting, {"member_id": member_id,
                                 "visibility": Visibility.FRIENDS.value})
    found = db.session.get(MusicSetting, member_id, populate_existing=True)
    assert found is not None
    return found


def issue_token(member_id: int, submit_key: str) -> str | None:
    """Issue a new player token (the old one dies) and return it, to be shown once.

    None: this very form was sent before and issued the token then (a resend issues none).
    """
    row = _settings(member_id)
    if row.token_submit_key == submit_key:
        return None
    token = TOKEN_PREFIX + new_token()
    row.token_hash, row.token_created_at = token_hash(token), utcnow()
    row.token_submit_key = submit_key
    return token


def revoke_token(member_id: int) -> None:
    """Revoke the member's player token; raise DomainError when there is none."""
    row = settings_of(member_id)
    if row is None or row.token_hash is None:
        raise DomainError("トークンは発行されていません。")
    row.token_hash = row.token_created_at = None


def set_visibility(member_id: int, value: str | None) -> Visibility:
    """Set who sees the member's plays; return the level set."""
    if value not in {level.value for level in Visibility}:
        raise DomainError("公開範囲を選んでください。")
    level = Visibility(value)
    _settings(member_id)
    db.session.execute(update(MusicSetting).where(MusicSetting.member_id == member_id)
                       .values(visibility=level.value))
    return level


def recorded_times(member_id: int, times: Sequence[datetime]) -> set[datetime]:
    """Return which of these times the member already has a play at."""
    if not times:
        return set()
    return set(db.session.scalars(select(Play.played_at).where(
        Play.member_id == member_id, Play.played_at.in_(list(times)))))


def _artist_ids(plays: Sequence[PlayIn]) -> dict[str, int]:
    names = {play.artist_key: play.artist for play in reversed(plays)}  # the first wins
    now = utcnow()
    insert_ignore(Artist, [{"name": name, "key": key, "created_at": now}
                           for key, name in names.items()])
    rows = db.session.execute(select(Artist.key, Artist.id)
                              .where(Artist.key.in_(list(names)))).all()
    return {row.key: row.id for row in rows}


def _track_ids(plays: Sequence[PlayIn], artists: dict[str, int]) -> dict[tuple[int, str], int]:
    titles = {(artists[play.artist_key], play.title_key): play.title
              for play in reversed(plays)}
    now = utcnow()
    insert_ignore(Track, [{"artist_id": artist_id, "title": title, "key": key,
                           "created_at": now} for (artist_id, key), title in titles.items()])
    rows = db.session.execute(select(Track.artist_id, Track.key, Track.id).where(
        tuple_(Track.artist_id, Track.key).in_(list(titles)))).all()
    return {(row.artist_id, row.key): row.id for row in rows}


def record_plays(member_id: int, plays: Sequence[PlayIn]) -> list[bool]:
    """Record the plays; return, for each, whether it was recorded now (False: the member
    already had a play at that time, and the first one stands)."""
    if not plays:
        return []
    artists = _artist_ids(plays)
    tracks = _track_ids(plays, artists)
    now, rows, seen = utcnow(), [], set()
    for play in plays:
        if play.played_at in seen:
            continue
        seen.add(play.played_at)
        rows.append({"member_id": member_id, "played_at": play.played_at,
                     "track_id": tracks[(artists[play.artist_key], play.title_key)],
                     "album": play.album, "created_at": now})
    statement = (dialect_insert(Play).values(rows).on_conflict_do_nothing()
                 .returning(Play.played_at, Play.track_id))
    new_rows = [(row.played_at, row.track_id) for row in db.session.execute(statement)]
    count_new(member_id, new_rows, {track_id: artist_id
                                    for (artist_id, _key), track_id in tracks.items()})
    added = {played_at for played_at, _track in new_rows}
    answers = []
    for play in plays:
        answers.append(play.played_at in added)
        added.discard(play.played_at)  # a second play at the same time in the batch: not new
    return answers
