"""The data benchmarks.culture measures: a seeded network, news items, an item with many
reviews, a week of music plays, and the RSS feeds the fetch jobs and the parser read."""
from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime
from typing import Any

from flask import Flask
from sqlalchemy import insert, select, text

from keitai.db import db, make_engine
from keitai.features.music import listens
from keitai.features.news.categories import CATEGORIES
from keitai.models.base import utcnow
from keitai.models.friendship import Friendship
from keitai.models.music import Artist, MusicSetting, Play, Track
from keitai.models.news import NewsItem
from keitai.models.review import Review, ReviewItem
from keitai.privacy import Visibility
from keitai.seed import PASSWORD, NetworkSeeder

#: rows per INSERT batch
BATCH = 2000
#: artists, and tracks of each artist
ARTISTS, TRACKS_EACH = 200, 10
#: items the viewer reviewed (besides the big one), for their reviews page
VIEWER_REVIEWS = 200
WORDS = ("新機種", "発表", "ケータイ", "着うた", "冬モデル", "待受", "ワンセグ", "パケット",
         "定額", "おサイフ", "番号ポータビリティ", "絵文字", "デコメ", "iモード", "EZweb")


@dataclass
class World:
    """What was seeded: the viewer, a friend of theirs, the pages' subjects."""

    email: str
    viewer_id: int
    friend_id: int
    members: list[int]
    big_item_id: int
    artist_id: int = 0
    track_id: int = 0


def phrase(rng: random.Random, words: int) -> str:
    """Return a Japanese-looking phrase of some words."""
    return "、".join(rng.choice(WORDS) for _ in range(words))


def network(app: Flask, url: str, members: int) -> World:
    """Seed members, friendships and diaries with NetworkSeeder; return the viewer (its hub)
    and a friend of theirs who shares plays with friends."""
    from keitai.passwords import hash_password

    started = time.perf_counter()
    with app.app_context():
        password_hash = hash_password(PASSWORD)
    engine = make_engine(url)
    seeded = NetworkSeeder(engine, members, diaries=members * 2, seed=2007,
                           password_hash=password_hash).run_all()
    engine.dispose()
    ids = list(range(seeded.first_id, seeded.first_id + members))
    with app.app_context():
        friend = db.session.scalar(select(Friendship.friend_id)
                                   .where(Friendship.member_id == seeded.hub_id,
                                          Friendship.friend_id % 10 != 3)
                                   .order_by(Friendship.friend_id).limit(1))
        friends = db.session.scalar(text(
            f"SELECT count(*) FROM friendships WHERE member_id = {seeded.hub_id}"))
        pairs = db.session.scalar(text("SELECT count(*) FROM friendships"))
        db.session.remove()
    assert friend is not None
    print(f"  network: {members:,} members, {pairs:,} friendship rows, the viewer has "
          f"{friends} friends ({time.perf_counter() - started:.1f} s)")
    return World(seeded.logins[0][0], seeded.hub_id, int(friend), ids, 0)


def _ordered(model: Any) -> Any:
    """Return an INSERT of model returning the new ids in the order of the rows."""
    return insert(model).returning(model.id, sort_by_parameter_order=True)


def _insert(model: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(model), rows[start:start + BATCH])


def news(app: Flask, count: int) -> None:
    """Add count news items over the last 27 days (within NEWS_KEEP_DAYS), every category,
    one in 100 an operators' pick."""
    rng, now = random.Random(17), utcnow()
    rows = []
    for n in range(count):
        at = now - timedelta(minutes=2 * n * 20_000 / max(count, 1), seconds=n % 60)
        rows.append({"feed_id": None, "category": CATEGORIES[n % len(CATEGORIES)].slug,
                     "title": f"{phrase(rng, 3)}のニュース{n}", "summary": phrase(rng, 40),
                     "source": "ケータイ新聞", "link": f"http://news.example.jp/a/{n}",
                     "published_at": at, "created_at": at,
                     "picked_at": at if n % 100 == 0 else None})
    with app.app_context():
        _insert(NewsItem, rows)
        db.session.commit()


def reviews(app: Flask, world: World, count: int) -> None:
    """Give one item count reviews (by as many members) and the viewer VIEWER_REVIEWS."""
    rng, now = random.Random(18), utcnow()
    with app.app_context():
        items = db.session.scalars(_ordered(ReviewItem), [
            {"category": ("book", "cd", "dvd", "game", "electronics")[n % 5],
             "title": f"{phrase(rng, 2)} 第{n}巻", "creator": "山田太郎", "maker": "ケータイ書房",
             "code": None, "created_by": world.viewer_id, "created_at": now}
            for n in range(VIEWER_REVIEWS + 1)]).all()
        big, authors = items[0], world.members[:count]
        rows = [{"item_id": big, "author_id": author, "stars": rng.randint(1, 5),
                 "body": phrase(rng, 30), "created_at": now - timedelta(minutes=n),
                 "counted": True} for n, author in enumerate(authors)]
        rows += [{"item_id": item, "author_id": world.viewer_id, "stars": rng.randint(1, 5),
                  "body": phrase(rng, 30), "created_at": now - timedelta(hours=n),
                  "counted": True} for n, item in enumerate(items[1:])]
        _insert(Review, rows)
        db.session.execute(text(
            "UPDATE review_items SET review_count = (SELECT count(*) FROM reviews r WHERE "
            "r.item_id = review_items.id), rating_sum = (SELECT coalesce(sum(stars), 0) "
            "FROM reviews r WHERE r.item_id = review_items.id)"))
        db.session.commit()
    world.big_item_id = int(big)


def catalogue(app: Flask, world: World) -> list[int]:
    """Add the artists and their tracks and members' music settings (one in ten keeps their
    plays to themselves, three in ten show them to everyone); return the track ids."""
    with app.app_context():
        artists = db.session.scalars(_ordered(Artist), [
            {"name": f"アーティスト{n}", "key": f"アーティスト{n}"} for n in range(ARTISTS)]).all()
        tracks = db.session.scalars(_ordered(Track), [
            {"artist_id": artist, "title": f"曲{n}-{t}", "key": f"曲{n}-{t}"}
            for n, artist in enumerate(artists) for t in range(TRACKS_EACH)]).all()
        settings = [{"member_id": member, "visibility": Visibility.ONLY_ME.value
                     if member % 10 == 3 else Visibility.EVERYONE.value}
                    for member in world.members if member % 10 in (1, 2, 3, 4)]
        _insert(MusicSetting, settings)
        db.session.commit()
    world.artist_id, world.track_id = int(artists[0]), int(tracks[0])
    return list(tracks)


def plays(app: Flask, world: World, tracks: list[int], count: int, part: int,
          now: datetime) -> None:
    """Add count plays over the 7 days before now, shared among the members (the viewer
    and a friend included), popular tracks played most. part 0 and 1 draw from distinct
    moments, so that a second call doubles the plays. The plays are inserted in bulk, not
    through service.record_plays, so music_listens (which record_plays keeps per play) is
    then recomputed from all the plays with the set-based listens.rebuild."""
    rng = random.Random(19 + part)
    weights = [1 / (rank + 1) for rank in range(len(tracks))]
    cumulative = [sum(weights[:1])]
    for weight in weights[1:]:
        cumulative.append(cumulative[-1] + weight)
    each = max(count // len(world.members), 1)
    rows = []
    for member in world.members:
        moments = rng.sample(range(7 * 86_400 // 2), each)
        chosen = rng.choices(tracks, cum_weights=cumulative, k=each)
        for moment, track in zip(moments, chosen, strict=True):
            at = now - timedelta(seconds=2 * moment + part + 1)
            rows.append({"member_id": member, "track_id": track, "album": None,
                         "played_at": at, "created_at": at})
    with app.app_context():
        _insert(Play, rows)
        listens.rebuild(db.session())
        db.session.commit()


def rss(items: int, body_chars: int, tag: str, encoding: str = "shift_jis") -> bytes:
    """Return an RSS 2.0 feed of items entries (newest first), each with a description of
    about body_chars characters, in encoding; tag makes the links distinct."""
    rng, now = random.Random(tag), utcnow()
    entries = []
    for n in range(items):
        at = format_datetime(now - timedelta(minutes=10 * n + 1))
        entries.append(
            f"<item><title>{phrase(rng, 3)} {tag}-{n}</title>"
            f"<link>http://blog.example.jp/{tag}/{n}</link><guid>{tag}-{n}</guid>"
            f"<pubDate>{at}</pubDate><description>&lt;p&gt;{phrase(rng, body_chars // 5)}"
            f"&lt;/p&gt;</description></item>")
    label = "Shift_JIS" if encoding == "shift_jis" else encoding
    return (f'<?xml version="1.0" encoding="{label}"?>\n<rss version="2.0"><channel>'
            f"<title>ケータイ日記 {tag}</title><link>http://blog.example.jp/</link>"
            + "".join(entries) + "</channel></rss>").encode(encoding)
