"""ニュース, レビュー, ミュージック and the feeds (issue 17) at scale, through the whole WSGI stack
as a docomo P903i and a PC.

Pages: the news top, a category's first and deepest page, the picks and one item, among
KEITAI_BENCH_NEWS items (default 20,000); an item with KEITAI_BENCH_REVIEWS reviews (default
2,000: both orders, first and last page), /reviews and the viewer's reviews; /music in each
period, kind and scope, an artist, a track, a friend's plays and profile, and home, on a
seeded network of KEITAI_BENCH_CULTURE_MEMBERS members (default 2,000) with
KEITAI_BENCH_PLAYS plays over a week (default 200,000): requests per second, mean and p95 ms,
SQL statements per request, bytes. Then the worker's ranking computation (compute_due) at
that size and with the plays doubled (seconds, SQL, rows written, the part of the time spent
on the friends' rankings), and the music pages again at double size. Then the feed work:
parse_feed on a 2 MB Shift_JIS RSS of 500 items, and news and blog fetch jobs end to end
against a local HTTP server (ms and SQL per job, the worker's claim and finish included).

SQLite always runs, in a temporary file; PostgreSQL too when KEITAI_BENCH_DATABASE_URL names a
database the benchmark may wipe.

    python -m benchmarks.culture --members 5000 --plays 500000 --seconds 2
"""
from __future__ import annotations

import argparse
import math
import os
import statistics
import tempfile
import threading
import time
from collections import defaultdict
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

os.environ.setdefault("KEITAI_SECRET_KEY", "benchmark")

from flask import Flask  # noqa: E402
from sqlalchemy import event, func, select  # noqa: E402

from benchmarks import culture_seed as seed  # noqa: E402
from benchmarks.home import HANDSETS, Visitor, reset_postgresql, statements  # noqa: E402
from benchmarks.mail_in import Counter, run_due  # noqa: E402
from keitai import create_app, jobs, migrations  # noqa: E402
from keitai.db import db  # noqa: E402
from keitai.features.blog import jobs as blog_jobs  # noqa: E402,F401
from keitai.features.blog.service import JOB as BLOG_JOB  # noqa: E402
from keitai.features.music.rankings import PERIODS, compute_due  # noqa: E402
from keitai.features.news import jobs as news_jobs  # noqa: E402,F401
from keitai.features.news.schedule import JOB as NEWS_JOB  # noqa: E402
from keitai.feeds.parse import parse_feed  # noqa: E402
from keitai.models.base import utcnow  # noqa: E402
from keitai.models.blog import MemberBlog  # noqa: E402
from keitai.models.friendship import Friendship  # noqa: E402
from keitai.models.music import MusicRanking, Play  # noqa: E402
from keitai.models.news import NewsFeed, NewsItem  # noqa: E402
from keitai.models.review import Review  # noqa: E402

#: fetch-job rounds measured (a first, warming round is not counted)
ROUNDS = 5
SJIS = "application/rss+xml; charset=Shift_JIS"


class FeedHost:
    """A local HTTP server answering each path with the body (and ETag) last put there."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[bytes, str]] = {}
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                body, etag = routes.get(self.path, (b"", ""))
                same = etag and self.headers.get("If-None-Match") == etag
                self.send_response(304 if same else 200 if body else 404)
                self.send_header("Content-Type", SJIS)
                if etag:
                    self.send_header("ETag", etag)
                data = b"" if same else body
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.address = f"127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        """Return the full address of a path here."""
        return f"http://{self.address}{path}"


def sizes(app: Flask, agent: str) -> tuple[int, int]:
    """Return the handset's list length and an item page's review count."""
    from keitai.features.reviews.views import _reviews_per_page
    from keitai.features.social import per_page

    with app.test_request_context("/", headers={"User-Agent": agent}):
        app.preprocess_request()
        return per_page(), _reviews_per_page()


def pages(app: Flask, world: seed.World, agent: str, news_count: int,
          review_count: int) -> list[tuple[str, str, str]]:
    """Return the pages to measure as (name, path, query)."""
    lines, per_item = sizes(app, agent)
    with app.app_context():
        item = db.session.scalar(select(NewsItem.id).where(
            NewsItem.link == f"http://news.example.jp/a/{news_count // 2}"))
        in_category = db.session.scalar(select(func.count()).select_from(NewsItem)
                                        .where(NewsItem.category == "domestic")) or 0
        own = db.session.scalar(select(func.count()).select_from(Review)
                                .where(Review.author_id == world.viewer_id)) or 0
        db.session.remove()
    deep = max(math.ceil(in_category / lines), 1)
    last = max(math.ceil(review_count / per_item), 1)
    mine = max(math.ceil(own / lines), 1)
    big, me = world.big_item_id, world.viewer_id
    return [
        ("/news", "/news", ""), ("/news/domestic", "/news/domestic", ""),
        (f"/news/domestic page {deep} (last)", "/news/domestic", f"page={deep}"),
        ("/news/pickup", "/news/pickup", ""), ("/news/<id>", f"/news/{item}", ""),
        ("review item, newest, page 1", f"/reviews/items/{big}", ""),
        (f"review item, newest, page {last} (last)", f"/reviews/items/{big}", f"page={last}"),
        ("review item, best, page 1", f"/reviews/items/{big}", "sort=best"),
        (f"review item, best, page {last} (last)", f"/reviews/items/{big}",
         f"sort=best&page={last}"),
        ("/reviews", "/reviews", ""), (f"member's reviews ({own})", f"/members/{me}/reviews", ""),
        (f"member's reviews page {mine} (last)", f"/members/{me}/reviews", f"page={mine}"),
        *music_pages(world), ("profile of a friend (recent plays)",
                              f"/members/{world.friend_id}", ""),
        ("home", "/", ""),
    ]


def music_pages(world: seed.World) -> list[tuple[str, str, str]]:
    """Return the music pages as (name, path, query)."""
    found = [(f"/music {period} {kind} {scope}", "/music",
              f"period={period}&kind={kind}&scope={scope}")
             for period in ("day", "week") for kind in ("track", "artist")
             for scope in ("all", "friends")]
    return [*found, ("artist page", f"/music/artists/{world.artist_id}", ""),
            ("track page", f"/music/tracks/{world.track_id}", ""),
            ("a friend's plays", f"/members/{world.friend_id}/music", "")]


def measure(app: Flask, visitor: Visitor, path: str, query: str,
            seconds: float) -> dict[str, float]:
    """Request path (with a query of its own beside the session's) for about `seconds`, at
    least 5 times (a slow page is slow enough); return rate, times, statements, bytes."""
    saved = visitor.query
    visitor.query = (saved + "&" + query if saved else "?" + query) if query else saved
    try:
        for _ in range(2):
            size = len(visitor.get(path).data)
        times: list[float] = []
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline or len(times) < 5:
            start = time.perf_counter()
            visitor.get(path)
            times.append(time.perf_counter() - start)
        times.sort()
        return {"rps": len(times) / sum(times), "ms": statistics.mean(times) * 1000,
                "p95": times[max(int(len(times) * 0.95) - 1, 0)] * 1000,
                "sql": statements(app, visitor, path), "bytes": size}
    finally:
        visitor.query = saved


def table(app: Flask, email: str, rows: dict[str, list[tuple[str, str, str]]],
          seconds: float) -> None:
    """Print the figures of each page on each handset given."""
    print(f"  {'page':58} {'req/s':>7} {'ms/req':>7} {'p95 ms':>7} {'SQL':>4} {'bytes':>6}")
    for handset, paths in rows.items():
        visitor = Visitor(app, HANDSETS[handset], email)
        for name, path, query in paths:
            got = measure(app, visitor, path, query, seconds)
            print(f"  {name + ' (' + handset + ')':58} {got['rps']:7.0f} {got['ms']:7.2f} "
                  f"{got['p95']:7.2f} {got['sql']:4d} {got['bytes']:6d}")


def rankings(app: Flask, now: datetime, label: str) -> None:
    """Run compute_due once; print its time, statements, rows written, and the time of the
    statements that build the friends' rankings (those joining plays with friendships)."""
    spent: dict[str, float] = defaultdict(float)
    began: list[float] = []

    def before(*_args: Any) -> None:
        began.append(time.perf_counter())

    def after(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        kind = ("friends" if "friendships" in statement and "music_rankings" in statement
                else "everyone" if "INSERT INTO music_rankings" in statement else "other")
        spent[kind] += time.perf_counter() - began.pop()

    with app.app_context():
        plays = db.session.scalar(select(func.count()).select_from(Play))
        pairs = db.session.scalar(select(func.count()).select_from(Play).join(
            Friendship, Friendship.friend_id == Play.member_id)
            .where(Play.played_at > now - PERIODS["week"]))
        engine = db.engine
        event.listen(engine, "before_cursor_execute", before)
        event.listen(engine, "after_cursor_execute", after)
        try:
            started = time.perf_counter()
            written = compute_due(db.session(), now)
            db.session.commit()
            took = time.perf_counter() - started
        finally:
            event.remove(engine, "before_cursor_execute", before)
            event.remove(engine, "after_cursor_execute", after)
        friends = db.session.scalar(select(func.count()).select_from(MusicRanking)
                                    .where(MusicRanking.scope_member_id.is_not(None)))
        db.session.remove()
    print(f"  rankings ({label}: {plays:,} plays, {pairs:,} (play, friend) pairs in the week):"
          f" compute_due {took:.2f} s, {written:,} rows written ({friends:,} of them friends' "
          f"rankings); everyone's 4 rankings {spent['everyone']:.2f} s, friends' 4 rankings "
          f"{spent['friends']:.2f} s, the rest {spent['other']:.2f} s")


def feed_jobs(app: Flask, host: FeedHost, world: seed.World) -> None:
    """Run news and blog fetch jobs against the local server; print median ms and SQL."""
    figures: dict[str, list[tuple[float, int]]] = defaultdict(list)
    counter = Counter()
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", counter)
        feed = NewsFeed(url=host.url("/news.xml"), category="it")
        db.session.add(feed)
        db.session.add(MemberBlog(member_id=world.viewer_id, feed_url=host.url("/blog.xml"),
                                  visibility="friends", state="active"))
        db.session.commit()
        feed_id = feed.id
        db.session.remove()

    def run(kind: str, payload: dict[str, Any], label: str) -> None:
        with app.app_context():
            jobs.enqueue(kind, payload)
            db.session.commit()
            db.session.remove()
        done: dict[str, list[tuple[float, int]]] = defaultdict(list)
        run_due(app, counter, done)
        for name, rows in done.items():
            figures[f"{label}" if name == kind else f"  then job {name}"].extend(rows)

    big = seed.rss(500, 2000, "big")
    for number in range(ROUNDS + 1):
        for path, kind, payload, what in (
                ("/news.xml", NEWS_JOB, {"feed_id": feed_id}, "news"),
                ("/blog.xml", BLOG_JOB, {"member_id": world.viewer_id}, "blog")):
            host.routes[path] = (seed.rss(50, 200, f"{what}{number}"), f'"{what}{number}"')
            run(kind, payload, f"{what} job, 50-entry feed, new entries")
            run(kind, payload, f"{what} job, unchanged (304)")
            host.routes[path] = (big, "")
            run(kind, payload, f"{what} job, 2 MB feed of 500 entries, all known")
        if number == 0:  # the first round warms up (and a blog's first fetch imports 5)
            figures.clear()
    with app.app_context():
        event.remove(db.engine, "before_cursor_execute", counter)
    print(f"  fetch jobs against a local server, median of {ROUNDS} "
          "(news keeps 30 entries a fetch, a blog imports 20; SQL includes the worker's):")
    for name, rows in figures.items():
        ms = statistics.median(took for took, _sql in rows) * 1000
        sql = statistics.median(count for _took, count in rows)
        print(f"    {name:52} {ms:8.1f} ms {sql:5.0f} SQL")


def run(name: str, url: str, args: argparse.Namespace, host: FeedHost) -> None:
    """Seed one database and print every figure."""
    print(f"{name}:")
    migrations.upgrade(url)
    app = create_app({"DATABASE_URL": url, "MUSIC_RANKING_MINUTES": 0,
                      "FETCH_ALLOW_FOR_TESTS": [host.address]})
    world = seed.network(app, url, args.members)
    started = time.perf_counter()
    seed.news(app, args.news)
    seed.reviews(app, world, min(args.reviews, args.members))
    tracks = seed.catalogue(app, world)
    now = utcnow()
    seed.plays(app, world, tracks, args.plays, 0, now)
    took = time.perf_counter() - started
    print(f"  added {args.news:,} news items, {args.reviews:,} reviews of one item, "
          f"{args.plays:,} plays of {len(tracks):,} tracks in {took:.1f} s")
    rankings(app, now, "first size")
    table(app, world.email, {handset: pages(app, world, agent, args.news, args.reviews)
                             for handset, agent in HANDSETS.items()}, args.seconds)
    started = time.perf_counter()
    seed.plays(app, world, tracks, args.plays, 1, now)
    print(f"  plays doubled in {time.perf_counter() - started:.1f} s")
    rankings(app, now, "plays doubled")
    table(app, world.email, {"docomo P903i": music_pages(world)}, args.seconds)
    feed_jobs(app, host, world)
    with app.app_context():
        db.dispose()


def parse_figures() -> None:
    """Print parse_feed's median time on a 2 MB Shift_JIS RSS of 500 entries."""
    body = seed.rss(500, 2000, "parse")
    times, entries = [], 0
    for _ in range(6):
        started = time.perf_counter()
        entries = len(parse_feed(body, SJIS).entries)
        times.append(time.perf_counter() - started)
    print(f"parse_feed, {len(body) / 1e6:.2f} MB Shift_JIS RSS of 500 entries "
          f"({entries} kept): {statistics.median(times[1:]) * 1000:.0f} ms (median of 5)")


def main(argv: list[str] | None = None) -> None:
    """Print the figures of issue 17's pages, rankings and feed work on each database."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    env = os.environ.get
    parser.add_argument("--members", type=int,
                        default=int(env("KEITAI_BENCH_CULTURE_MEMBERS", "2000")))
    parser.add_argument("--news", type=int, default=int(env("KEITAI_BENCH_NEWS", "20000")))
    parser.add_argument("--reviews", type=int, default=int(env("KEITAI_BENCH_REVIEWS", "2000")),
                        help="reviews of one item (at most one a member)")
    parser.add_argument("--plays", type=int, default=int(env("KEITAI_BENCH_PLAYS", "200000")))
    parser.add_argument("--seconds", type=float, default=0.5, help="time per page")
    args = parser.parse_args(argv if argv is not None else [])
    args.reviews = min(args.reviews, args.members)
    print(f"sizes: {args.members:,} members, {args.news:,} news items, {args.reviews:,} "
          f"reviews of one item, {args.plays:,} plays over a week (then twice as many)")
    parse_figures()
    host = FeedHost()
    with tempfile.TemporaryDirectory() as tmp:
        run("SQLite", f"sqlite:///{tmp}/bench.sqlite3", args, host)
    pg_url = env("KEITAI_BENCH_DATABASE_URL")
    if pg_url:
        reset_postgresql(pg_url)
        run("PostgreSQL", pg_url, args, host)
    else:
        print("PostgreSQL: skipped (set KEITAI_BENCH_DATABASE_URL to a database it may wipe)")
    host.httpd.shutdown()


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
