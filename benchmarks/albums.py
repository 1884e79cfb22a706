"""The cost of an album page: a member with many photos (KEITAI_BENCH_PHOTOS, default 1000, in
one big album and a few small ones), seen by a friend on a few handsets.

For the album's first and last page, a photo page and one thumbnail: requests per second,
time per request, SQL statements per request, bytes of the page; and for the album page, the
bytes of the page together with its thumbnails (what the handset's cache must hold). SQLite
runs in a temporary file; PostgreSQL too when KEITAI_BENCH_DATABASE_URL names a database the
benchmark may wipe.

    python -m benchmarks.albums --photos 3000
"""
from __future__ import annotations

import argparse
import html
import os
import random
import re
import tempfile
import time

os.environ.setdefault("KEITAI_SECRET_KEY", "benchmark")

from flask import Flask  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from benchmarks.home import Visitor, measure, reset_postgresql  # noqa: E402
from keitai import create_app, migrations  # noqa: E402
from keitai.db import db  # noqa: E402
from keitai.features.albums import pictures, service, variants  # noqa: E402
from keitai.members import create_member  # noqa: E402
from keitai.models import Friendship, Picture, PictureVariant  # noqa: E402
from keitai.models.base import utcnow  # noqa: E402
from keitai.seed import PASSWORD  # noqa: E402
from keitai.seed.albums import landscape  # noqa: E402

#: the handsets the friend browses with (User-Agent, and headers a gateway adds)
HANDSETS = {
    "docomo N505i": "DoCoMo/1.0/N505i/c20/TB/W20H10",
    "docomo P903i": "DoCoMo/2.0 P903i(c100;TB;W24H12)",
    "au W53CA": "KDDI-CA3C UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0",
    "SoftBank 930SH": "SoftBank/1.0/930SH/SHJ001/SN123456789012345 Browser/NetFront/3.4 "
                      "Profile/MIDP-2.0 Configuration/CLDC-1.1",
    "PC": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
}
_IMAGE = re.compile(r'src="(/pictures/[^"]+)"')


def seed(app: Flask, photos: int) -> tuple[str, int, int]:
    """Add the owner with photos and a friend; return the friend's login, the big album and
    a photo in its middle."""
    from keitai.passwords import hash_password

    started = time.perf_counter()
    with app.app_context():
        password_hash = hash_password(PASSWORD)
        owner = create_member(email="owner@example.jp", nickname="しゃしん",
                              password_hash=password_hash)
        friend = create_member(email="friend@example.jp", nickname="とも",
                               password_hash=password_hash)
        db.session.add_all([Friendship(member_id=owner.id, friend_id=friend.id),
                            Friendship(member_id=friend.id, friend_id=owner.id)])
        albums = [service.create_album(owner.id, f"アルバム{n}", "", "friends",
                                       f"benchalbum{n:08d}") for n in range(5)]
        first = pictures.add_picture(owner.id, landscape(random.Random(1)),
                                     album_id=albums[0], caption="最初の写真")
        pictures.make_variants(first, variants.standard())
        template = db.session.get(Picture, first)
        assert template is not None
        made = db.session.execute(select(PictureVariant.variant, PictureVariant.content_type,
                                         PictureVariant.data)
                                  .where(PictureVariant.picture_id == first)).all()
        now, batch = utcnow(), 200
        for start in range(1, photos, batch):
            rows = [{"owner_id": owner.id, "album_id": albums[0] if n % 10 else albums[n % 5],
                     "key": f"{n:032x}", "caption": f"写真{n}",
                     "content_type": template.content_type, "data": template.data,
                     "width": template.width, "height": template.height,
                     "size_bytes": template.size_bytes, "created_at": now}
                     for n in range(start, min(start + batch, photos))]
            ids = db.session.scalars(insert(Picture).returning(Picture.id), rows).all()
            db.session.execute(insert(PictureVariant), [
                {"picture_id": picture_id, "variant": variant, "content_type": kind,
                 "data": data, "created_at": now}
                for picture_id in ids for variant, kind, data in made])
        big = albums[0]
        middle = db.session.scalars(select(Picture.id).where(Picture.album_id == big)
                                    .order_by(Picture.id).offset(photos // 3).limit(1)).one()
        db.session.commit()
        count = db.session.scalar(select(Picture.id).order_by(Picture.id.desc()).limit(1))
    took = time.perf_counter() - started
    print(f"  seeded {count:,} photos in {took:.1f} s; album page /albums/{big}, photo page "
          f"/photos/{middle}")
    return "friend@example.jp", big, int(middle)


def fetch(visitor: Visitor, path: str, query: str = "") -> bytes:
    """Return a page's body, with a query of its own beside the session's."""
    saved = visitor.query
    visitor.query = (saved + "&" + query if saved else "?" + query) if query else saved
    try:
        return bytes(visitor.get(path).data)
    finally:
        visitor.query = saved


def pages_of(visitor: Visitor, album: int) -> int:
    """Return how many pages the album has on this handset (following its 6 key)."""
    number = 1
    while number < 500 and f"page={number + 1}" in fetch(
            visitor, f"/albums/{album}", f"page={number}").decode("latin-1"):
        number += 1
    return number


def with_images(visitor: Visitor, path: str, query: str = "") -> int:
    """Return the bytes of a page together with its images."""
    page = fetch(visitor, path, query)
    images = [html.unescape(found) for found in _IMAGE.findall(page.decode("latin-1"))]
    total = len(page) + sum(len(visitor.client.get(url, environ_base=visitor.environ).data)
                            for url in images)
    return total


def run(name: str, url: str, photos: int, seconds: float) -> None:
    """Seed one database and print the figures of each page on each handset."""
    print(f"{name}:")
    migrations.upgrade(url)
    app = create_app({"DATABASE_URL": url})
    email, album, photo = seed(app, photos)
    print(f"  {'page':40} {'req/s':>7} {'ms/req':>7} {'p95 ms':>7} {'SQL':>4} {'bytes':>6} "
          f"{'+images':>8}")
    for handset, agent in HANDSETS.items():
        visitor = Visitor(app, agent, email)
        last = pages_of(visitor, album)
        for page, path, query in (("album page 1", f"/albums/{album}", ""),
                                  (f"album page {last} (last)", f"/albums/{album}",
                                   f"page={last}"),
                                  ("photo page", f"/photos/{photo}", "")):
            got = measure_paged(app, visitor, path, query, seconds)
            total = with_images(visitor, path, query)
            print(f"  {page + ' (' + handset + ')':40} {got['rps']:7.0f} {got['ms']:7.2f} "
                  f"{got['p95']:7.2f} {got['sql']:4d} {got['bytes']:6d} {total:8d}")
        thumb = _IMAGE.search(visitor.get(f"/photos/{photo}").data.decode("latin-1"))
        if thumb is not None:
            image_url = html.unescape(thumb.group(1))
            started, count = time.perf_counter(), 0
            while time.perf_counter() - started < seconds / 2 or count < 20:
                visitor.client.get(image_url, environ_base=visitor.environ)
                count += 1
            elapsed = time.perf_counter() - started
            print(f"  {'photo image (' + handset + ')':40} {count / elapsed:7.0f} "
                  f"{elapsed / count * 1000:7.2f}")
    with app.app_context():
        db.dispose()


def measure_paged(app: Flask, visitor: Visitor, path: str, query: str,
                  seconds: float) -> dict[str, float]:
    """measure() for a path with a query of its own beside the session's."""
    saved = visitor.query
    visitor.query = (saved + "&" + query if saved else "?" + query) if query else saved
    try:
        return measure(app, visitor, path, seconds)
    finally:
        visitor.query = saved


def main(argv: list[str] | None = None) -> None:
    """Print the cost of album and photo pages on each database."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--photos", type=int,
                        default=int(os.environ.get("KEITAI_BENCH_PHOTOS", "1000")))
    parser.add_argument("--seconds", type=float, default=2.0, help="time per page")
    args = parser.parse_args(argv if argv is not None else [])
    print(f"sizes: {args.photos:,} photos of one member; a friend looks")
    with tempfile.TemporaryDirectory() as tmp:
        run("SQLite", f"sqlite:///{tmp}/bench.sqlite3", args.photos, args.seconds)
    pg_url = os.environ.get("KEITAI_BENCH_DATABASE_URL")
    if pg_url:
        reset_postgresql(pg_url)
        run("PostgreSQL", pg_url, args.photos, args.seconds)
    else:
        print("PostgreSQL: skipped (set KEITAI_BENCH_DATABASE_URL to a database it may wipe)")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
