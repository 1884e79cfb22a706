"""Mail-in cost: one handset mail with a camera photo, from the MTA's hand-over to the posted
diary, its photo variants and the reply mail.

Each round sends a new au mail (ISO-2022-JP with an emoji, a 1280x960 JPEG of about 1 MB) to a
member's posting address. The figures are medians over the rounds, in ms and SQL statements
(the worker's claim and finish of each job included), on SQLite in a temporary folder:
parse (keitai.mail_in.parse alone), intake (store the raw mail and queue its job: what the MTA
waits for), post (the job: check, parse, diary, photo, reply queued), variants (the photo's
per-handset images) and the reply (handed to a local SMTP server).
"""
from __future__ import annotations

import io
import os
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

os.environ.setdefault("KEITAI_SECRET_KEY", "benchmark")

from flask import Flask  # noqa: E402
from PIL import Image  # noqa: E402
from sqlalchemy import event, select  # noqa: E402

from keitai import create_app, migrations  # noqa: E402
from keitai.db import db  # noqa: E402
from keitai.jobs.worker import Worker  # noqa: E402
from keitai.mail_in import addresses  # noqa: E402
from keitai.mail_in.intake import Intake  # noqa: E402
from keitai.mail_in.parse import read_mail  # noqa: E402
from keitai.members import create_member  # noqa: E402
from keitai.models.job import Job  # noqa: E402
from simulator.mailcompose import Attached, carrier_mail  # noqa: E402

ROUNDS = 10
SENDER = "taro-2007@ezweb.ne.jp"


def camera_jpeg() -> bytes:
    """Return a photo-like JPEG (noise over a gradient, so it does not compress away)."""
    base = Image.linear_gradient("L").resize((1280, 960)).convert("RGB")
    noise = Image.effect_noise((1280, 960), 60).convert("RGB")
    out = io.BytesIO()
    Image.blend(base, noise, 0.5).save(out, "JPEG", quality=92)
    return out.getvalue()


class Counter:
    """Count the SQL statements an engine runs."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, *_args: Any) -> None:
        self.count += 1


@contextmanager
def measured(app: Flask, counter: Counter, into: dict[str, list[tuple[float, int]]],
             name: str) -> Iterator[None]:
    """Record the time and statements of a block under name."""
    before = counter.count
    start = time.perf_counter()
    yield
    into[name].append((time.perf_counter() - start, counter.count - before))


def build(folder: Path, smtp_url: str) -> tuple[Flask, str]:
    """Return the app on a new database with one member and their posting address."""
    url = f"sqlite:///{folder / 'mail_in.sqlite3'}"
    migrations.upgrade(url)
    app = create_app({"DATABASE_URL": url, "SMTP_URL": smtp_url, "MAIL_IN_PER_HOUR": 10**6,
                      "BASE_URL": "http://keitai.test"})
    with app.app_context():
        member = create_member(email=SENDER, nickname="たろう", password_hash="x")
        address = addresses.address_of(addresses.issue(member.id))
        db.session.commit()
    return app, address


def run_due(app: Flask, counter: Counter, into: dict[str, list[tuple[float, int]]]) -> None:
    """Run the due jobs one by one, each measured under its kind."""
    worker = Worker(app)
    while True:
        with app.app_context():
            kind = db.session.scalar(select(Job.kind).where(Job.state == "pending")
                                     .order_by(Job.run_after, Job.id).limit(1))
            db.session.remove()
        if kind is None:
            return
        with measured(app, counter, into, kind):
            worker.run_one()


def main() -> None:
    """Print the median cost of each step of one mail-in with a photo."""
    import socket

    from simulator.mailbox import running

    with socket.socket() as probe:  # a free port for the reply's SMTP server
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    photo = Attached("DSC0001.JPG", "image/jpeg", camera_jpeg())
    figures: dict[str, list[tuple[float, int]]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as scratch, \
            running(Path(scratch) / "mailbox", port=port):
        app, to = build(Path(scratch), f"smtp://127.0.0.1:{port}")
        counter = Counter()
        with app.app_context():
            event.listen(db.engine, "before_cursor_execute", counter)
        intake = Intake(app)
        for number in range(ROUNDS + 1):
            raw = carrier_mail(SENDER, to, f"今日の一枚☀{number}", "散歩の途中で撮りました。",
                               [photo], message_id=f"<bench{number}@ezweb.ne.jp>")
            start = time.perf_counter()
            read_mail(raw)
            parse = time.perf_counter() - start
            with measured(app, counter, figures, "intake"):
                intake.deliver(raw, to)
            run_due(app, counter, figures)
            if number == 0:  # the first round warms the caches up: not counted
                figures.clear()
                continue
            figures["parse"].append((parse, 0))
        with app.app_context():
            db.dispose()
    print(f"mail-in of one au mail with a {len(photo.data) // 1024} KB photo "
          f"({len(raw) // 1024} KB as sent), median of {ROUNDS}, SQLite")
    labels = {"parse": "parse (keitai.mail_in.parse)", "intake": "intake (store + queue)",
              "mail_in.post": "job mail_in.post", "pictures.variants": "job pictures.variants",
              "mail": "job mail (the reply)", "search.index": "job search.index"}
    total_ms = total_sql = 0.0
    for name in sorted(figures, key=lambda kind: list(labels).index(kind)
                       if kind in labels else len(labels)):
        rows = figures[name]
        ms = statistics.median(seconds for seconds, _sql in rows) * 1000
        sql = statistics.median(statements for _seconds, statements in rows)
        total_ms, total_sql = total_ms + ms, total_sql + sql
        print(f"  {labels.get(name, name):32} {ms:8.1f} ms {sql:5.0f} SQL")
    print(f"  {'total':32} {total_ms:8.1f} ms {total_sql:5.0f} SQL")


if __name__ == "__main__":
    main()
