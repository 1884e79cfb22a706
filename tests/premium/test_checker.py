"""The compliance checker finds no error on what premium shows, as every built-in handset,
logged in as the demo's premium member (the login page sends each handset on to the page
checked): the premium page, the badge on home and the profile, the diary form with its date,
the longer footprints."""
from __future__ import annotations

from urllib.parse import quote

from flask import Flask

from keitai.seed import PASSWORD
from keitai.seed.showcase_texts import login_email
from simulator.checker.crawl import Login
from simulator.checker.run import check_site, select_profiles
from simulator.transport import WsgiTransport
from tests.checker.test_our_site import _errors
from tests.seed.demo import seed_demo

SITE = "http://keitai.test"
PATHS = ["/premium", "/", "/members/{taro}", "/diary/new", "/diary/{diary}/edit",
         "/footprints"]


def test_premium_pages_have_no_error_for_any_handset(app: Flask) -> None:
    app.config.update(DEMO=True, ARGON2_TIME_COST=1, ARGON2_MEMORY_KIB=1024)  # many logins
    made = seed_demo(app)
    for path in PATHS:
        page = path.format(taro=made.logins[0], diary=made.long_diaries[0])
        report = check_site(f"{SITE}/login?next={quote(page)}",
                            select_profiles(all_handsets=True), transport=WsgiTransport(app),
                            login=Login(login_email(0), PASSWORD), max_pages=1, parallel=1)
        assert [run.problem for run in report.runs if run.problem] == [], page
        assert all([record.url.split("?")[0] for record in run.pages] == [SITE + page]
                   for run in report.runs), page
        assert not report.failed("error"), f"{page}: {_errors(report.findings)}"
