"""The compliance checker finds no error on the video pages, for any built-in handset: a
premium member's list, a made video, its edit and delete pages, the upload page."""
from __future__ import annotations

from collections import Counter

from flask import Flask

from keitai.db import db
from keitai.members import create_member
from keitai.passwords import hash_password
from simulator.checker.crawl import Login
from simulator.checker.run import check_site, select_profiles
from simulator.transport import WsgiTransport
from tests.outbox import run_jobs
from tests.videos.conftest import add, make_premium

EMAIL, PASSWORD = "hanako@example.jp", "video-pass-2007"
SITE = "http://keitai.test"


def test_the_video_pages_have_no_error_for_any_handset(app: Flask, clips,
                                                       shared_transcoding) -> None:
    app.config.update(ARGON2_TIME_COST=1, ARGON2_MEMORY_KIB=1024)  # a login per handset
    with app.app_context():
        owner = create_member(email=EMAIL, nickname="はなこ",
                              password_hash=hash_password(PASSWORD)).id
        db.session.commit()
    make_premium(app, owner)
    ids = [add(app, owner, clips["short"], title="ねこ動画"),
           add(app, owner, clips["too_long"], title="ながい"),  # fails: its reason is shown
           add(app, owner, clips["ten_seconds"], title="いぬ")]
    run_jobs(app)
    # each start page alone, and under /videos/N/ each video's edit and delete pages
    profiles = select_profiles(all_handsets=True)
    visited: dict[str, set[str]] = {}
    findings = []
    starts = [("/videos", 1), ("/videos/new", 1), (f"/videos/{ids[0]}", 6),
              (f"/videos/{ids[1]}", 3), (f"/videos/{ids[2]}", 6)]
    for start, pages in starts:
        report = check_site(f"{SITE}{start}", profiles, transport=WsgiTransport(app),
                            login=Login(EMAIL, PASSWORD), max_pages=pages,
                            same_prefix=True, parallel=1)
        for run in report.runs:
            assert not run.problem, (run.handset, run.problem)
            visited.setdefault(run.handset, set()).update(
                page.url.split("?")[0].removeprefix(SITE) for page in run.pages)
        findings += report.findings
    expected = {"/videos", "/videos/new"} | {f"/videos/{n}{tail}" for n in ids
                                             for tail in ("", "/edit", "/delete")}
    for handset, pages_seen in visited.items():
        assert expected <= pages_seen, (handset, expected - pages_seen)
    errors = [f for f in findings if f.severity == "error"]
    assert not errors, (Counter(f.rule for f in errors),
                        [f"{f.handset} {f.rule} {f.url}: {f.message} [{f.excerpt}]"
                         for f in errors[:20]])
