"""The home page and a diary page for a member with 1000 friends and 50 communities, and the
community pages (the largest community's top, the last page of a topic with 10,000
comments), on a large seeded network.

Sizes come from KEITAI_BENCH_MEMBERS and KEITAI_BENCH_DIARIES (or --members / --diaries);
the defaults keep `make bench` to a few minutes on two cores. SQLite always runs, in a
temporary file; PostgreSQL runs too when KEITAI_BENCH_DATABASE_URL names a database the
benchmark may wipe (its public schema is dropped and rebuilt).

    python -m benchmarks.home --members 100000 --diaries 1000000
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from typing import Any

os.environ.setdefault("KEITAI_SECRET_KEY", "benchmark")

from flask import Flask  # noqa: E402
from sqlalchemy import event, func, select, text  # noqa: E402

from keitai import create_app, migrations  # noqa: E402
from keitai.db import db, make_engine  # noqa: E402
from keitai.features.diary.queries import friends_diaries  # noqa: E402
from keitai.models.diary import Comment  # noqa: E402
from keitai.seed import PASSWORD, NetworkSeeder  # noqa: E402

#: what the viewer browses with: a cookie-less FOMA (session in the URL), a PC
HANDSETS = {
    "docomo P903i": "DoCoMo/2.0 P903i(c100;TB;W24H12)",
    "PC": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
}
_FIELD = re.compile(r'name="(csrf_token|ksid)" value="([^"]+)"')


class Visitor:
    """A logged-in member on a handset, through Flask's test client."""

    def __init__(self, app: Flask, agent: str, email: str) -> None:
        self.client = app.test_client()
        self.environ = {"HTTP_USER_AGENT": agent, "REMOTE_ADDR": "210.153.84.10"}
        page = self.client.get("/login", environ_base=self.environ).data.decode("latin-1")
        fields = dict(_FIELD.findall(page))
        done = self.client.post("/login", data={**fields, "email": email, "password": PASSWORD},
                                environ_base=self.environ)
        assert done.status_code == 302, done.data[:400]
        token = re.search(r"ksid=([\w-]+)", done.headers["Location"])
        self.query = f"?guid=ON&ksid={token.group(1)}" if token else ""

    def get(self, path: str) -> Any:
        """Fetch a page; fail loudly unless it is served."""
        response = self.client.get(path + self.query, environ_base=self.environ)
        assert response.status_code == 200, (path, response.status_code)
        return response


def statements(app: Flask, visitor: Visitor, path: str) -> int:
    """Return how many SQL statements one request for path runs."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(args[2])

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        visitor.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return len(seen)


def measure(app: Flask, visitor: Visitor, path: str, seconds: float) -> dict[str, float]:
    """Request path repeatedly for about `seconds`; return rate, times, statements, bytes."""
    for _ in range(5):
        size = len(visitor.get(path).data)
    times: list[float] = []
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline or len(times) < 20:
        start = time.perf_counter()
        visitor.get(path)
        times.append(time.perf_counter() - start)
    times.sort()
    return {"rps": len(times) / sum(times), "ms": statistics.mean(times) * 1000,
            "p95": times[int(len(times) * 0.95) - 1] * 1000,
            "sql": statements(app, visitor, path), "bytes": size}


def seed(url: str, members: int, diaries: int) -> tuple[str, int, list[tuple[str, str]]]:
    """Seed the network; print the time; return the hub's login, a friend's diary id and the
    community pages to measure (name, path)."""
    engine = make_engine(url)
    started = time.perf_counter()
    app = create_app({"DATABASE_URL": url})
    with app.app_context():
        from keitai.passwords import hash_password

        password_hash = hash_password(PASSWORD)
    seeder = NetworkSeeder(engine, members, diaries=diaries, seed=2007,
                           password_hash=password_hash, hub_friends=1000)
    seeded = seeder.run_all()
    took = time.perf_counter() - started
    rows = sum(seeded.rows.values())
    print(f"  seeded {rows:,} rows in {took:.1f} s ({rows / took:,.0f} rows/s): "
          + ", ".join(f"{count:,} {name}" for name, count in seeded.rows.items()))
    engine.dispose()
    with app.app_context():
        recent = friends_diaries(seeded.hub_id, 200).subquery()
        comments = (select(func.count()).where(Comment.diary_id == recent.c.id)
                    .scalar_subquery())
        diary_id = db.session.scalar(select(recent.c.id).order_by(comments.desc()).limit(1))
        friends = db.session.scalar(text(
            f"SELECT count(*) FROM friendships WHERE member_id = {seeded.hub_id}"))
        db.session.remove()
    if diary_id is None:
        raise SystemExit("the seeded network has no diary to open")
    print(f"  viewer: {seeded.logins[0][0]} with {friends} friends and "
          f"{seeded.hub_communities} communities; diary page: /diary/{diary_id}")
    pages = community_pages(app, seeded.hub_id, seeded.largest_community_id,
                            seeded.long_topic_id)
    return seeded.logins[0][0], int(diary_id), pages


def community_pages(app: Flask, hub_id: int, community_id: int | None,
                    topic_id: int | None) -> list[tuple[str, str]]:
    """Return the community pages to measure; the hub joins the communities they are in
    (as a member would, through the service) so that it may read them."""
    from keitai.features.communities import service
    from keitai.features.communities.access import community_access
    from keitai.models.community import Community, Topic

    pages: list[tuple[str, str]] = []
    with app.app_context():
        for kind, wanted in (("community", community_id), ("topic", topic_id)):
            if wanted is None:
                continue
            if kind == "topic":
                found = db.session.get(Topic, wanted)
                assert found is not None
                where = found.community_id
            else:
                where = wanted
            access = community_access(where, hub_id)
            if not access.is_member:
                service._add_member(where, hub_id)
            community = db.session.get(Community, where)
            assert community is not None
            if kind == "community":
                pages.append((f"community top ({community.member_count:,} members)",
                              f"/communities/{wanted}"))
            else:
                topic = db.session.get(Topic, wanted)
                assert topic is not None
                pages.append((f"topic, last page ({topic.comment_count:,} comments)",
                              f"/topics/{wanted}?page=last"))
        db.session.commit()
        count = service.community_count(hub_id)
        db.session.remove()
    print(f"  the viewer reads them as a member: in {count} communities")
    return pages


def run(name: str, url: str, members: int, diaries: int, seconds: float) -> None:
    """Build the network on one database and print the figures of both pages."""
    print(f"{name}:")
    migrations.upgrade(url)
    app = create_app({"DATABASE_URL": url})
    email, diary_id, community_pages = seed(url, members, diaries)
    print(f"  {'page':54} {'req/s':>7} {'ms/req':>7} {'p95 ms':>7} {'SQL':>4} {'bytes':>6}")
    for handset, agent in HANDSETS.items():
        visitor = Visitor(app, agent, email)
        pages = [("home", "/"), ("diary", f"/diary/{diary_id}"),
                 *community_pages]
        for page, path in pages:
            got = measure(app, visitor, path, seconds)
            print(f"  {page + ' (' + handset + ')':54} {got['rps']:7.0f} {got['ms']:7.2f} "
                  f"{got['p95']:7.2f} {got['sql']:4d} {got['bytes']:6d}")
    with app.app_context():
        db.dispose()


def reset_postgresql(url: str) -> None:
    """Empty the benchmark's PostgreSQL database."""
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def size_arguments(doc: str | None) -> argparse.ArgumentParser:
    """Return a parser of the network's size: --members and --diaries (10 a member when 0),
    defaulting to KEITAI_BENCH_MEMBERS and KEITAI_BENCH_DIARIES."""
    parser = argparse.ArgumentParser(description=(doc or "").splitlines()[0])
    parser.add_argument("--members", type=int,
                        default=int(os.environ.get("KEITAI_BENCH_MEMBERS", "20000")))
    parser.add_argument("--diaries", type=int,
                        default=int(os.environ.get("KEITAI_BENCH_DIARIES", "0")) or None)
    return parser


def main(argv: list[str] | None = None) -> None:
    """Print requests per second, time per request and SQL per page on each database."""
    parser = size_arguments(__doc__)
    parser.add_argument("--seconds", type=float, default=3.0, help="time per page")
    args = parser.parse_args(argv if argv is not None else [])
    diaries = args.diaries or args.members * 10
    print(f"sizes: {args.members:,} members, {diaries:,} diaries; the viewer has 1000 friends")
    with tempfile.TemporaryDirectory() as tmp:
        run("SQLite", f"sqlite:///{tmp}/bench.sqlite3", args.members, diaries, args.seconds)
    pg_url = os.environ.get("KEITAI_BENCH_DATABASE_URL")
    if pg_url:
        reset_postgresql(pg_url)
        run("PostgreSQL", pg_url, args.members, diaries, args.seconds)
    else:
        print("PostgreSQL: skipped (set KEITAI_BENCH_DATABASE_URL to a database it may wipe)")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
