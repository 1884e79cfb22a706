"""What every demo page sends each kind of handset, page by page, as a fingerprint.

The demo network is seeded and crawled at a fixed instant (the clock stands still, the demo's
random seed is fixed), logged out and then logged in, on one handset of each markup family,
session rule and charset. Each page's bytes, with the session's random secrets written as
placeholders, are hashed. `handset_pages.json` holds the fingerprints the site sends today;
the test fails on any page whose bytes differ, so a change to what handsets receive is always
deliberate: remake the file with `python -m tests.handset_bytes.pages` in the same commit.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import time_machine
from flask import Flask
from webtest import TestResponse  # type: ignore[import-untyped]

from tests.gateway.crawl import Crawler, Page
from tests.gateway.test_every_page_keeps_the_session import ANONYMOUS, FAMILIES, log_in
from tests.handsets import PROFILES, HandsetClient

#: where the fingerprints live
SNAPSHOT = Path(__file__).with_name("handset_pages.json")
#: the instant the demo is seeded and crawled at (a Monday noon in Japan)
INSTANT = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)
#: the handsets whose pages are fingerprinted: every family but the PC's and the smartphone's
HANDSETS = [name for name in FAMILIES if not name.startswith(("pc-", "smartphone-"))]
#: pages opened at most, logged out and then logged in (every kind of demo page)
LIMIT = 400
#: parameters whose values are a session's random secrets (the form key of a write too)
_SECRET_PARAMS = ("ksid", "csrf_token", "k", "t")
_SECRET = re.compile(rb'((?:name="(?:%s)"[^>]*?value=")|(?:[?&;](?:amp;)?(?:%s)=))[^"&<>\s]*'
                     % (b"|".join(p.encode() for p in _SECRET_PARAMS),
                        b"|".join(p.encode() for p in _SECRET_PARAMS)))


#: a stored file's random name and its version stamp
_STORED = re.compile(rb"/([a-z]+)/[0-9a-f]{32}/")
_VERSION = re.compile(rb"([?&;]v=)[0-9a-f.]+")


def normalized(body: bytes) -> bytes:
    """Return a page's bytes with the session's secrets and stored files' random names
    replaced by placeholders."""
    body = _SECRET.sub(rb"\1SECRET", body)
    return _VERSION.sub(rb"\1V", _STORED.sub(rb"/\1/FILE/", body))


def page_key(url: str) -> str:
    """Return a page's address without the session and guid, the part kept."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k not in ("ksid", "guid", "t")]
    return parts.path + ("?" + urlencode(query) if query else "")


class _Recorder(Crawler):
    """A crawler that keeps a fingerprint of every page it reads."""

    prints: dict[str, str]

    #: where each page's normalized bytes are written too, when asked (KEITAI_PAGES_DUMP)
    dump: Path | None = None
    prefix = ""

    def crawl_one(self, response: TestResponse, url: str) -> Page:
        body = normalized(response.body)
        key = page_key(url)
        self.prints[key] = hashlib.sha256(body).hexdigest()[:16]
        if self.dump is not None:
            target = self.dump / (self.prefix + key.replace("/", "_").replace("?", "@"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
        return super().crawl_one(response, url)


@contextmanager
def standing_clock() -> Iterator[None]:
    """Stop the clock at INSTANT for what runs inside."""
    with time_machine.travel(INSTANT, tick=False):
        yield


def fingerprints(app: Flask, email: str, name: str) -> dict[str, str]:
    """Crawl the seeded demo as one handset, logged out then in; return page fingerprints."""
    crawler = _Recorder(app, HandsetClient(app, PROFILES[name]), limit=LIMIT)
    crawler.prints = {}
    if os.environ.get("KEITAI_PAGES_DUMP"):
        crawler.dump = Path(os.environ["KEITAI_PAGES_DUMP"]) / name
    crawler.prefix = "visitor"
    crawler.crawl(*ANONYMOUS)
    anonymous = {f"visitor {key}": value for key, value in crawler.prints.items()}
    crawler.seen.clear()
    crawler.prints = {}
    crawler.prefix = "member"
    crawler.crawl(log_in(crawler, email))
    return {**anonymous, **{f"member {key}": v for key, v in crawler.prints.items()}}


def make_app(url: str) -> Flask:
    """Return the app as the tests make it, on a database at url (SQLite, Redis unused)."""
    from keitai import create_app
    app = create_app({"DATABASE_URL": url, "TESTING": True, "REDIS_URL": None,
                      "TRUSTED_PROXIES": ["127.0.0.1/32"], "SITE_NAME": "けいたいSNS",
                      "BASE_URL": "http://keitai.test", "ARGON2_TIME_COST": 1,
                      "ARGON2_MEMORY_KIB": 1024, "DEMO": True})
    return app


def seeded_demo(folder: Path) -> Path:
    """Seed the demo at the standing clock into a new SQLite file in folder; return it."""
    from keitai import migrations
    from tests.seed.demo import seed_demo
    path = folder / "demo.sqlite3"
    migrations.upgrade(f"sqlite:///{path}")
    with standing_clock():
        app = make_app(f"sqlite:///{path}")
        seed_demo(app)
        dispose(app)
    return path


def dispose(app: Flask) -> None:
    """Close the app's database connections."""
    from keitai.db import db
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def handset_prints(demo: Path, folder: Path, name: str) -> dict[str, str]:
    """Crawl a copy of the seeded demo as one handset; return its pages' fingerprints."""
    from keitai.seed.showcase_texts import login_emails
    copy = folder / f"{name}.sqlite3"
    shutil.copyfile(demo, copy)
    with standing_clock():
        app = make_app(f"sqlite:///{copy}")
        try:
            return fingerprints(app, login_emails()[0], name)
        finally:
            dispose(app)


def main(argv: list[str] | None = None) -> None:
    """Remake handset_pages.json from what the site sends now; or, with `--dump DIR`, write
    every page's normalized bytes under DIR and list the pages that differ from the file
    (which is left as it is)."""
    args = sys.argv[1:] if argv is None else argv
    dump = Path(args[1]) if args[:1] == ["--dump"] and len(args) == 2 else None
    if args and dump is None:
        raise SystemExit("usage: python -m tests.handset_bytes.pages [--dump DIR]")
    os.environ.setdefault("KEITAI_SECRET_KEY", "test-secret-key-not-for-production")
    if dump is not None:
        os.environ["KEITAI_PAGES_DUMP"] = str(dump)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        demo = seeded_demo(folder)
        prints = {name: handset_prints(demo, folder, name) for name in HANDSETS}
    if dump is None:
        SNAPSHOT.write_text(json.dumps(prints, ensure_ascii=False, indent=1, sort_keys=True)
                            + "\n")
        print(f"{SNAPSHOT}: {sum(map(len, prints.values()))} pages on {len(prints)} handsets")
        return
    recorded = json.loads(SNAPSHOT.read_text())
    for name, pages in prints.items():
        before = recorded.get(name, {})
        for key in sorted(before.keys() | pages.keys()):
            if before.get(key) != pages.get(key):
                state = ("gone" if key not in pages else "new" if key not in before
                         else "changed")
                print(f"{state:8} {name} {key}")


if __name__ == "__main__":
    main()
