"""The demo's ミュージック: a believable week of plays by the demo's members (invented Japanese
artists and tracks), one login with a player token (shown nowhere: issue a new one from
設定 > ミュージック to try the API), and the rankings computed, so /music shows something."""
from __future__ import annotations

import random
from datetime import timedelta

from keitai.db import db
from keitai.features.music import names, rankings, service
from keitai.models.base import utcnow
from keitai.privacy import Visibility

#: artist -> their tracks (all invented)
CATALOGUE: dict[str, list[str]] = {
    "ほしのうみ": ["夜の電車", "青い駅", "ハロー、ポケベル", "しずかな週末"],
    "サクラドロップス": ["春一番", "放課後のメロディ", "さよならバス停"],
    "ミッドナイト通信": ["着信アリ", "深夜0時のメール", "電波の届く場所"],
    "ゆきんこ☆ガールズ": ["冬のうた", "ふたりの待受画面", "雪とアンテナ"],
    "The Keitai Band": ["Pocket Bell Blues", "Sunday Drive", "Good Night Tokyo"],
    "あおぞら楽団": ["はれのひ", "たいやきの歌"],
    "DJ しまうま": ["シマシマ・ビート", "夏祭りリミックス"],
    "月曜日のうさぎ": ["ねむたい朝", "雨のち晴れ", "ポケットの中"],
}
ALBUMS = {"ほしのうみ": "青い駅", "サクラドロップス": "はじまりの春", "ミッドナイト通信": "0時",
          "ゆきんこ☆ガールズ": "ゆき☆ベスト"}
#: how many members get plays, and how many plays a member makes a day at most
LISTENERS, PER_DAY = 14, 6


def _week_of_plays(rng: random.Random, favourites: list[str]) -> list[service.PlayIn]:
    """Return a member's plays over the last 7 days, mostly their favourite artists."""
    now = utcnow().replace(second=0, microsecond=0)
    moments: set[int] = set()
    for _day in range(7):
        for _play in range(rng.randint(0, PER_DAY)):
            moments.add(rng.randint(5, 7 * 24 * 60))  # minutes ago
    plays = []
    for minutes in sorted(moments):
        artist = rng.choice(favourites) if rng.random() < 0.7 else rng.choice(list(CATALOGUE))
        title = rng.choice(CATALOGUE[artist])
        album = ALBUMS.get(artist) if rng.random() < 0.5 else None
        plays.append(service.PlayIn(artist, names.name_key(artist), title,
                                    names.name_key(title), album,
                                    now - timedelta(minutes=minutes)))
    return plays


def add_demo_music(member_ids: list[int], seed: int) -> None:
    """Record the demo members' plays, give the first a player token, choose who shares with
    whom, and compute the rankings (the caller commits)."""
    rng = random.Random(seed)
    artists = list(CATALOGUE)
    for index, member_id in enumerate(member_ids[:LISTENERS]):
        favourites = rng.sample(artists, 2)
        service.record_plays(member_id, _week_of_plays(rng, favourites))
        if index % 5 == 1:  # some share with everyone; the others with their friends
            service.set_visibility(member_id, Visibility.EVERYONE.value)
    if member_ids:
        service.issue_token(member_ids[0], "demo-music-token")  # the token is shown nowhere
    db.session.flush()
    # every member's friends' ranking, not only of those logged in lately: the demo's logins
    # see theirs on their first visit
    rankings.compute_due(db.session(), utcnow(), every_member=True)
