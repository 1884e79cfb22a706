"""The demo as `keitai demo` seeds it, for tests: a small network, then the showcase."""
from __future__ import annotations

from flask import Flask

from keitai.db import db
from keitai.passwords import hash_password
from keitai.search.indexing import reindex
from keitai.seed import PASSWORD, NetworkSeeder
from keitai.seed.announcements import add_demo_announcements
from keitai.seed.showcase import Showcase, add_showcase


def seed_demo(app: Flask, variants: tuple[str, ...] = ()) -> Showcase:
    """Seed a small network and the demo's showcase (and お知らせ) on it, as `keitai demo`
    does."""
    with app.app_context():
        seeded = NetworkSeeder(db.engine, 60, seed=2007,
                               password_hash=hash_password(PASSWORD)).run_all()
        made = add_showcase(seeded.first_id, variants=variants)
        add_demo_announcements(made.logins)
        db.session.commit()
        reindex(db.session())  # as `keitai demo` builds the search index after seeding
    return made
