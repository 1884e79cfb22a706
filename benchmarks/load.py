"""Load: gunicorn with two workers on a seeded PostgreSQL network, driven by wrk.

Seeds the PostgreSQL database named by KEITAI_BENCH_DATABASE_URL (or --database-url; its
public schema is dropped and rebuilt), starts `gunicorn -w 2 keitai.wsgi:app` as an operator
does, logs in through the login form as a member with 1000 friends and one with 10, on a
cookie-less docomo handset (session in URLs) and an au handset that keeps cookies, and loads
/handset and the top page (as a visitor), home and a friend's diary at each concurrency.
Prints requests per second, median and 99th-percentile latency, and CPU per request of the
app's workers and of the stores: the database's backends (from /proc) and, with --redis-url,
the Redis server (from its INFO, the whole server's), then the goals. Every cell is loaded once
a round, round after round, and keeps its best round: what disturbs a shared machine for a
while falls on all cells alike.

    python -m benchmarks.load --members 100000 --seconds 5 --rounds 3 --connections 4,16
"""
from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import redis
from sqlalchemy import Engine, text

from benchmarks import proc_cpu, wrk
from benchmarks.handsets_http import AU, DOCOMO, Phone
from benchmarks.load_report import Cell, print_goals, print_table
from keitai.seed import PASSWORD

ROOT = Path(__file__).resolve().parents[1]
HANDSETS = (DOCOMO, AU)
#: gunicorn's workers, as in the figures this benchmark is compared with
WORKERS = 2


@dataclass(frozen=True)
class Viewer:
    """A seeded member the benchmark logs in as, and a friend's diary they may read."""

    label: str
    member_id: int
    email: str
    diary_id: int


def prepare(url: str, members: int, diaries: int) -> None:
    """Empty the database, migrate it and seed the network; print how long the seed took."""
    os.environ.setdefault("KEITAI_SECRET_KEY", "benchmark")
    from benchmarks.home import reset_postgresql
    from keitai import create_app, migrations
    from keitai.db import make_engine
    from keitai.passwords import hash_password
    from keitai.seed import NetworkSeeder

    reset_postgresql(url)
    migrations.upgrade(url)
    with create_app({"DATABASE_URL": url}).app_context():
        password_hash = hash_password(PASSWORD)
    engine = make_engine(url)
    started = time.perf_counter()
    seeded = NetworkSeeder(engine, members, diaries=diaries, password_hash=password_hash,
                           hub_friends=1000).run_all()
    took = time.perf_counter() - started
    engine.dispose()
    print(f"seeded in {took:.1f} s: "
          + ", ".join(f"{count:,} {name}" for name, count in seeded.rows.items()))


def viewer(engine: Engine, label: str, friends: str) -> Viewer:
    """Find a member by friend count (SQL `friends` picks the count) and a friend's diary
    they may read, the one with the most comments."""
    with engine.connect() as conn:
        member_id = conn.scalar(text(
            f"SELECT member_id FROM friend_counts WHERE count = ({friends}) ORDER BY member_id"
            " LIMIT 1"))
        if member_id is None:
            raise SystemExit(f"no member with {label} in the database")
        email = conn.scalar(text("SELECT email FROM members WHERE id = :id"), {"id": member_id})
        diary_id = conn.scalar(text(
            "SELECT d.id FROM diaries d JOIN friendships f ON f.friend_id = d.author_id"
            " WHERE f.member_id = :id AND d.visibility IN ('everyone', 'friends')"
            " ORDER BY (SELECT count(*) FROM comments c WHERE c.diary_id = d.id) DESC,"
            " d.created_at DESC LIMIT 1"), {"id": member_id})
    if diary_id is None:
        raise SystemExit(f"the member with {label} has no friend's diary to read")
    return Viewer(label, int(member_id), str(email), int(diary_id))


def free_port() -> int:
    """Return a TCP port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_gunicorn(url: str, port: int, folder: Path, redis_url: str | None
                   ) -> subprocess.Popen[bytes]:
    """Start gunicorn as an operator does, on this checkout; return once it answers."""
    environ = {name: value for name, value in os.environ.items()
               if not name.startswith("KEITAI_")}
    environ.update({
        "KEITAI_DATABASE_URL": url, "KEITAI_SECRET_KEY": secrets.token_urlsafe(32),
        "KEITAI_TRUSTED_PROXIES": "127.0.0.1/32", "KEITAI_BASE_URL": f"http://127.0.0.1:{port}",
        "KEITAI_INSTANCE_DIR": str(folder / "instance"),
        "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]),
    })
    if redis_url:
        environ["KEITAI_REDIS_URL"] = redis_url
    script = Path(sys.executable).with_name("gunicorn")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "gunicorn"]
    log = (folder / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [*command, "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}", "keitai.wsgi:app"],
        cwd=folder, env=environ, stdout=log, stderr=subprocess.STDOUT)
    probe = Phone("127.0.0.1", port, DOCOMO, "probe")
    deadline = time.monotonic() + 60
    while True:
        try:
            probe.get("/handset")
            break
        except (OSError, RuntimeError):
            if server.poll() is not None or time.monotonic() > deadline:
                stop(server)
                raise SystemExit("gunicorn did not start:\n"
                                 + (folder / "gunicorn.log").read_text(errors="replace")
                                 ) from None
            time.sleep(0.3)
    # both workers answer before any figure is taken
    while len(proc_cpu.children_of(server.pid)) < WORKERS:
        time.sleep(0.1)
    return server


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop gunicorn (SIGTERM: the workers finish their requests)."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def backends(engine: Engine) -> list[int]:
    """Return the pids of the app's connections to the database (its client backends other
    than the benchmark's own; autovacuum is not the app's cost)."""
    with engine.connect() as conn:
        return list(conn.scalars(text(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND backend_type = 'client backend' AND pid <> pg_backend_pid()")))


def session_rows(engine: Engine) -> int:
    """Return how many web sessions the database holds."""
    with engine.connect() as conn:
        return int(conn.scalar(text("SELECT count(*) FROM web_sessions")) or 0)


def redis_cpu(url: str | None) -> float | None:
    """Return the CPU seconds the Redis server has used (None without Redis)."""
    if not url:
        return None
    info = redis.Redis.from_url(url).info("cpu")
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


def measure(cell: Cell, phone: Phone, path: str, marker: bytes, server: int, engine: Engine,
            seconds: float, folder: Path, redis_url: str | None) -> Cell:
    """Check the page, then load it with wrk; return the cell with its figures."""
    for _ in range(3):  # warm up, and fail early if the page is not what the cell means
        page = phone.get(path)
        if marker not in page:
            raise SystemExit(f"{cell.name()}: {marker!r} not in {path}:\n"
                             f"{page.decode('cp932', 'replace')[:800]}")
    return _one_round(cell, phone, path, marker, server, engine, seconds, folder, redis_url)


def _one_round(cell: Cell, phone: Phone, path: str, marker: bytes, server: int,
               engine: Engine, seconds: float, folder: Path, redis_url: str | None) -> Cell:
    """Load the page with wrk once; return the cell with the figures."""
    workers = proc_cpu.children_of(server)
    app_before, db_before = proc_cpu.snapshot(workers), proc_cpu.snapshot(backends(engine))
    redis_before = redis_cpu(redis_url)
    figures = wrk.run(f"http://127.0.0.1:{phone.port}{phone.path(path)}", phone.headers(),
                      marker, cell.connections, seconds, folder)
    app_after = proc_cpu.snapshot(proc_cpu.children_of(server))
    db_after = proc_cpu.snapshot(set(db_before) | set(backends(engine)))
    redis_after = redis_cpu(redis_url)
    if figures.bad_status or figures.missing or not figures.requests:
        raise SystemExit(f"{cell.name()}: {figures.bad_status} responses were not 200 (first: "
                         f"{figures.first_bad}), {figures.missing} lacked {marker!r}, "
                         f"{figures.requests} in all")
    app_ms = proc_cpu.used(app_before, app_after) * 1000 / figures.requests
    db_ms = (proc_cpu.used(db_before, db_after) * 1000 / figures.requests if db_before
             else None)
    if redis_before is not None and redis_after is not None:  # the whole server's CPU
        db_ms = (db_ms or 0.0) + (redis_after - redis_before) * 1000 / figures.requests
    return cell.measured(figures, app_ms, db_ms, os.getloadavg()[0])


def run(url: str, args: argparse.Namespace) -> None:
    """Seed, serve, log in and load every page; print the table and the goals."""
    from keitai.db import make_engine

    diaries = args.diaries or args.members * 10
    print(f"{args.members:,} members, {diaries:,} diaries; gunicorn with {WORKERS} workers "
          f"on {os.cpu_count()} cores; wrk, one thread; best of {args.rounds} rounds of "
          f"{args.seconds:g} s a cell; Redis: {'yes' if args.redis_url else 'no'}; "
          f"load average {os.getloadavg()[0]:.2f} at the start")
    if not args.reuse:
        prepare(url, args.members, diaries)
    engine = make_engine(url)
    hub = viewer(engine, "1000 friends", "SELECT max(count) FROM friend_counts")
    few = viewer(engine, "10 friends", "10")
    connections = [int(part) for part in args.connections.split(",") if part.strip()]
    with tempfile.TemporaryDirectory(prefix="keitai-load-") as tmp:
        folder = Path(tmp)
        port = free_port()
        server = start_gunicorn(url, port, folder, args.redis_url)
        try:
            visitors = {handset.name: Phone("127.0.0.1", port, handset, f"visitor{i}")
                        for i, handset in enumerate(HANDSETS)}
            members: dict[tuple[int, str], Phone] = {}
            for person in (hub, few):
                for handset in HANDSETS:
                    phone = Phone("127.0.0.1", port, handset, f"bench{person.member_id}")
                    phone.log_in(person.email, PASSWORD)
                    members[person.member_id, handset.name] = phone

            jobs: list[tuple[Cell, Phone, str, bytes]] = []

            def load(page: str, label: str, phone: Phone, path: str, marker: bytes) -> None:
                for count in connections:
                    jobs.append((Cell(page, label, phone.handset.name, count), phone, path,
                                 marker))

            for handset in HANDSETS:
                load("/handset", "visitor", visitors[handset.name], "/handset",
                     handset.model.encode())
            for handset in HANDSETS:
                load("top", "visitor", visitors[handset.name], "/", b'href="/login')
            for page, path, marker in (("home", "/", b'href="/diary/new'),
                                       ("diary", "/diary/{diary}", b'action="/diary/{diary}/')):
                for person in (hub, few):
                    for handset in HANDSETS:
                        load(page, person.label, members[person.member_id, handset.name],
                             path.format(diary=person.diary_id),
                             marker.replace(b"{diary}", str(person.diary_id).encode()))
            # round after round over every cell, so that what disturbs the machine for a
            # while falls on all of them alike; each cell keeps its best round
            sessions_before = session_rows(engine)
            best: list[Cell | None] = [None] * len(jobs)
            top_pages = 0
            for number in range(max(1, args.rounds)):
                print(f"  round {number + 1} of {args.rounds}", flush=True)
                for index, (cell, phone, path, marker) in enumerate(jobs):
                    measured = measure(cell, phone, path, marker, server.pid, engine,
                                       args.seconds, folder, args.redis_url)
                    top_pages += measured.requests if cell.page == "top" else 0
                    kept = best[index]
                    if kept is None or measured.rate > kept.rate:
                        best[index] = kept = measured
                    print(f"  {measured.row()}", flush=True)
            sessions_after = session_rows(engine)
            cells = [cell for cell in best if cell is not None]
        finally:
            stop(server)
    engine.dispose()
    print()
    print_table(cells)
    print()
    print_goals(cells, sessions_before, sessions_after, top_pages)
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


def main(argv: list[str] | None = None) -> None:
    """Run the load benchmark when a PostgreSQL database and wrk are at hand."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("KEITAI_BENCH_DATABASE_URL"),
                        help="PostgreSQL database it may wipe (KEITAI_BENCH_DATABASE_URL)")
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--diaries", type=int, default=None, help="default: 10 a member")
    parser.add_argument("--seconds", type=float, default=5.0, help="time per round")
    parser.add_argument("--rounds", type=int, default=3,
                        help="rounds over every cell; each cell keeps its best (default 3)")
    parser.add_argument("--connections", default="4,16", help="concurrencies, comma-separated")
    parser.add_argument("--redis-url", default=os.environ.get("KEITAI_BENCH_REDIS_URL"),
                        help="passed to the app as KEITAI_REDIS_URL (KEITAI_BENCH_REDIS_URL)")
    parser.add_argument("--reuse", action="store_true",
                        help="load the network already in the database (no wipe, no seed)")
    args = parser.parse_args(argv if argv is not None else [])
    if not args.database_url or not args.database_url.startswith("postgresql"):
        print("skipped (set KEITAI_BENCH_DATABASE_URL to a PostgreSQL database it may wipe)")
        return
    if not wrk.installed():
        print("skipped (wrk is not installed: apt-get install wrk, or make bench as root)")
        return
    run(args.database_url, args)


if __name__ == "__main__":
    main(sys.argv[1:])
