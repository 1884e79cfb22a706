"""The compliance checker finds no error on the album pages of the demo, for any handset."""
from __future__ import annotations

from collections import Counter

from flask import Flask

from keitai.db import db
from keitai.seed import PASSWORD
from keitai.seed.albums import add_demo_albums
from keitai.seed.showcase_texts import login_email
from simulator.checker.crawl import Login
from simulator.checker.run import check_site, select_profiles
from simulator.transport import WsgiTransport
from tests.seed.demo import seed_demo

START = "http://keitai.test/albums"


def test_the_demo_albums_have_no_error_for_any_handset(app: Flask) -> None:
    app.config["DEMO"] = True
    made = seed_demo(app)
    with app.app_context():
        add_demo_albums(made.logins)
        db.session.commit()
    report = check_site(START, select_profiles(all_handsets=True),
                        transport=WsgiTransport(app), login=Login(login_email(0), PASSWORD),
                        max_pages=40, parallel=1)
    assert [run.problem for run in report.runs if run.problem] == []
    visited = {page for run in report.runs for page in getattr(run, "pages", [])}
    assert any("/albums/" in str(page) for page in visited)
    errors = [f for f in report.findings if f.severity == "error"]
    assert not errors, (Counter(f.rule for f in errors),
                        [f"{f.handset} {f.rule} {f.url}: {f.message}" for f in errors[:20]])
