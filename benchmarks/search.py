"""Search latency on a large seeded network: p50 and p99 of one-word, two-word,
one-character, two-character and reading queries over the diaries, one-word queries over the
members, the index's size and the time to build it, and the share of the readings and
variants set found.

Sizes come from KEITAI_BENCH_MEMBERS and KEITAI_BENCH_DIARIES (or --members / --diaries), as
for benchmarks.home. SQLite always runs, in a temporary file; PostgreSQL runs too when
KEITAI_BENCH_DATABASE_URL names a database the benchmark may wipe. --keep reuses a database
that is already seeded and indexed (the seed of 1 M diaries takes a while).

    python -m benchmarks.search --members 100000 --diaries 1000000
"""
from __future__ import annotations

import os
import re
import statistics
import tempfile
import time
from urllib.parse import quote

os.environ.setdefault("KEITAI_SECRET_KEY", "benchmark")

from flask import Flask  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from benchmarks.home import Visitor, reset_postgresql, size_arguments  # noqa: E402
from benchmarks.search_pairs import PAIRS  # noqa: E402
from keitai import create_app, migrations  # noqa: E402
from keitai.db import db, make_engine  # noqa: E402
from keitai.models.diary import Diary  # noqa: E402
from keitai.search.analysis import forms  # noqa: E402
from keitai.search.engines import engine_for  # noqa: E402
from keitai.search.indexing import reindex  # noqa: E402
from keitai.search.query import parse  # noqa: E402
from keitai.seed import PASSWORD, NetworkSeeder  # noqa: E402

#: the queries of each kind, words of the seeded texts (and a few that are rare there)
QUERIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "one word": ("diaries", ("ラーメン", "カレー", "温泉", "名古屋", "カラオケ", "ドライブ",
                             "買い物", "飲み会", "ひさしぶり", "横浜", "自転車", "ピアノ")),
    "two words": ("diaries", ("ラーメン 渋谷", "温泉 楽しかった", "映画 新宿", "カラオケ 疲れた",
                              "京都 花見", "釣り 海", "ケーキ 眠い", "ゲーム 学校")),
    "one character": ("diaries", ("海", "山", "猫", "雨", "寝", "駅", "夢", "桜")),
    "two characters": ("diaries", ("渋谷", "映画", "釣り", "温泉", "仙台", "試験", "雑誌",
                                   "花見")),
    "reading (kana for kanji)": ("diaries", ("しぶや", "おんせん", "きょうと", "えいが",
                                             "しけん", "せんだい")),
    "members, one word": ("members", ("たろう", "ちびねこ", "釣り好き", "東京", "ゆき", "ケン")),
}


#: a hit on a results page (a pager's links carry an access key)
HIT = re.compile(rb'<div><a href="[^"]*">')


def pairs_found() -> float:
    """Return the share of the readings and variants set that matches (the same test the
    engine runs: every query word in one of the text's forms)."""
    found = 0
    for typed, text in PAIRS:
        written = forms(text).distinct()
        found += all(any(form in line for form in word.forms for line in written)
                     for word in parse(typed).words)
    return found / len(PAIRS)


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


def search(visitor: Visitor, kind: str, word: str) -> bytes:
    """Return a results page as the handset gets it (the words in Shift_JIS, as it types)."""
    query = f"kind={kind}&q={quote(word.encode('cp932'))}"
    session = visitor.query.lstrip("?")
    response = visitor.client.get(f"/search?{query}&{session}" if session else
                                  f"/search?{query}", environ_base=visitor.environ)
    assert response.status_code == 200, (word, response.status_code)
    return bytes(response.data)


def measure(visitor: Visitor, kind: str, words: tuple[str, ...], rounds: int
            ) -> tuple[list[float], int]:
    """Search each query `rounds` times (after one warm-up); return the times and the hits
    seen on first pages."""
    times: list[float] = []
    shown = 0
    for word in words:
        shown += len(HIT.findall(search(visitor, kind, word)))
        for _round in range(rounds):
            started = time.perf_counter()
            search(visitor, kind, word)
            times.append(time.perf_counter() - started)
    return times, shown


def build(url: str, members: int, diaries: int) -> str:
    """Seed the network and index it; print the times; return the hub's login."""
    app = create_app({"DATABASE_URL": url})
    with app.app_context():
        from keitai.passwords import hash_password

        password_hash = hash_password(PASSWORD)
    engine = make_engine(url)
    started = time.perf_counter()
    seeded = NetworkSeeder(engine, members, diaries=diaries, seed=2007,
                           password_hash=password_hash, hub_friends=1000).run_all()
    engine.dispose()
    print(f"  seeded {sum(seeded.rows.values()):,} rows in {time.perf_counter() - started:.0f} s")
    with app.app_context():
        started = time.perf_counter()
        stored = reindex(db.session())
        took = time.perf_counter() - started
        db.session.remove()
    rows = sum(stored.values())
    print(f"  indexed {rows:,} rows in {took:.0f} s ({rows / took:,.0f} rows/s): "
          + ", ".join(f"{count:,} {kind}" for kind, count in stored.items()))
    return seeded.logins[0][0]


def run(name: str, url: str, members: int, diaries: int, rounds: int, keep: bool) -> None:
    """Print the figures of one database."""
    print(f"{name}:")
    migrations.upgrade(url)
    app: Flask = create_app({"DATABASE_URL": url})
    with app.app_context():
        seeded = db.session.scalar(select(func.count()).select_from(Diary))
        db.session.remove()
    if keep and seeded:
        print(f"  kept: {seeded:,} diaries already seeded and indexed")
        email = "seed1@example.jp"  # the first seeded member, the one with 1000 friends
    else:
        email = build(url, members, diaries)
    with app.app_context():
        size = engine_for(db.session()).size(db.session())
        db.session.remove()
    print(f"  index size: {size / 1e6:,.0f} MB")
    visitor = Visitor(app, "DoCoMo/2.0 P903i(c100;TB;W24H12)", email)
    print(f"  {'queries':28} {'n':>5} {'p50 ms':>7} {'p99 ms':>7} {'hits on page 1':>15}")
    for label, (kind, words) in QUERIES.items():
        times, shown = measure(visitor, kind, words, rounds)
        print(f"  {label:28} {len(times):5d} {percentile(times, 0.5):7.1f} "
              f"{percentile(times, 0.99):7.1f} {shown / len(words):15.1f}")
    print(f"  (mean of all: {statistics.mean(times) * 1000:.1f} ms; whole page, handset "
          "markup and marks included)")
    with app.app_context():
        db.dispose()


def main(argv: list[str] | None = None) -> None:
    """Print search latency, index size and build time on each database."""
    parser = size_arguments(__doc__)
    parser.add_argument("--rounds", type=int, default=20, help="times each query is run")
    parser.add_argument("--keep", action="store_true",
                        help="reuse the databases if they are seeded and indexed already")
    parser.add_argument("--sqlite-file", help="the SQLite database to use (default: a "
                        "temporary file, deleted after)")
    args = parser.parse_args(argv if argv is not None else [])
    diaries = args.diaries or args.members * 10
    print(f"sizes: {args.members:,} members, {diaries:,} diaries; viewer: a member with 1000 "
          "friends on a docomo P903i")
    print(f"readings and variants set: {pairs_found():.1%} of {len(PAIRS)} pairs found")
    if args.sqlite_file:
        run("SQLite", f"sqlite:///{args.sqlite_file}", args.members, diaries, args.rounds,
            args.keep)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            run("SQLite", f"sqlite:///{tmp}/bench.sqlite3", args.members, diaries,
                args.rounds, False)
    pg_url = os.environ.get("KEITAI_BENCH_DATABASE_URL")
    if pg_url:
        if not args.keep:
            reset_postgresql(pg_url)
        run("PostgreSQL", pg_url, args.members, diaries, args.rounds, args.keep)
    else:
        print("PostgreSQL: skipped (set KEITAI_BENCH_DATABASE_URL to a database it may wipe)")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
