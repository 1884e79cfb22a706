"""Our site is the checker's first customer: the demo, as every built-in handset, logged out
and logged in, has no error. (.ci/check-demo does the same over HTTP with every page.)"""
from __future__ import annotations

from collections import Counter

import pytest
from flask import Flask

from keitai.seed import PASSWORD
from keitai.seed.showcase_texts import login_email
from simulator.checker.crawl import Login
from simulator.checker.findings import Finding
from simulator.checker.run import check_site, select_profiles
from simulator.transport import WsgiTransport
from tests.seed.demo import seed_demo

SITE = "http://keitai.test/"
#: pages per handset in the suite (the CI check crawls the default 200)
PAGES_IN_THE_SUITE = 60


def _errors(findings: list[Finding]) -> str:
    errors = [f for f in findings if f.severity == "error"]
    by_rule = Counter(f.rule for f in errors)
    lines = [f"{f.handset} {f.rule} {f.url}: {f.message} [{f.excerpt}]" for f in errors[:30]]
    return f"{len(errors)} errors {dict(by_rule)}\n" + "\n".join(lines)


@pytest.mark.parametrize("logged_in", [False, True], ids=["logged-out", "logged-in"])
def test_the_demo_has_no_error_for_any_handset(app: Flask, logged_in: bool) -> None:
    app.config["DEMO"] = True
    seed_demo(app)
    login = Login(login_email(0), PASSWORD) if logged_in else None
    report = check_site(SITE, select_profiles(all_handsets=True),
                        transport=WsgiTransport(app), login=login,
                        max_pages=PAGES_IN_THE_SUITE, parallel=1)
    assert [run.problem for run in report.runs if run.problem] == []
    assert all(len(run.pages) >= (20 if logged_in else 5) for run in report.runs)
    assert not report.failed("error"), _errors(report.findings)
