"""Every console page, as the PC browser an operator uses: HTML5 in UTF-8 with real tables,
and no error for the site checker; every other kind of handset is not shown the console."""
from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

import carriers
from carriers.markup import markup_for
from simulator.checker.run import check_response
from simulator.profiles import builtin_profiles
from simulator.transport import WsgiTransport
from tests.admin.conftest import INSIDE, Clock, Operator, log_in, pc
from tests.admin.test_actions import reported_diary
from tests.handsets import PAGE_PROFILES, assert_fits_handset, client_for

SIMULATED = {profile.name: profile for profile in builtin_profiles()}
PAGES = ["/admin", "/admin?q=%E3%81%8B%E3%81%8F", "/admin/reports", "/admin/reports?order=most",
         "/admin/items/diary/{diary}", "/admin/members/{author}", "/admin/bans",
         "/admin/bans?all=1", "/admin/announcements", "/admin/audit",
         "/admin/audit?kind=member&target={operator}"]
#: pages that list something in a table here (the item's reports, the member's facts, ...)
TABLES = {"/admin?q=%E3%81%8B%E3%81%8F", "/admin/reports", "/admin/reports?order=most",
          "/admin/items/diary/{diary}", "/admin/members/{author}", "/admin/audit",
          "/admin/audit?kind=member&target={operator}"}


def no_checker_errors(app: Flask, name: str, path: str, response) -> None:  # type: ignore[no-untyped-def]
    findings = check_response(SIMULATED[name], "http://keitai.test" + path,
                              response.status_int, response.headerlist, response.body,
                              transport=WsgiTransport(app))
    errors = [f"{f.rule}: {f.message}" for f in findings if f.severity == "error"]
    assert errors == [], (path, errors)


def test_every_console_page_is_clean_html5_for_the_pc(
        app: Flask, operator: Callable[..., Operator], clock: Clock,
        create_member: Callable[..., int]) -> None:
    author = create_member(email="kaku@example.com", nickname="かくひと",
                           mobile_email="kaku@docomo.ne.jp")
    reporter = create_member(email="r@example.com")
    diary = reported_diary(app, author, [reporter])
    client = pc(app)
    handset = carriers.detect(client.profile.user_agent, client.profile.headers)
    no_checker_errors(app, "pc-Firefox", "/admin/login", client.get("/admin/login"))
    who = operator()
    log_in(client, who, clock)  # the login is in the audit log
    for path in PAGES:
        url = path.format(author=author, diary=diary, operator=who.id)
        response = client.get(url)
        assert_fits_handset(handset, response, response.text)
        assert response.text.startswith("<!DOCTYPE html>"), url
        if path in TABLES:
            assert "<table>" in response.text and "<th>" in response.text, url
        no_checker_errors(app, "pc-Firefox", url, response)


@pytest.mark.parametrize("name", [name for name in PAGE_PROFILES if name != "pc-Firefox"])
def test_no_handset_is_shown_the_console(app: Flask, name: str) -> None:
    client = client_for(app, name, remote_addr=INSIDE)
    handset = carriers.detect(client.profile.user_agent, client.profile.headers)
    expected = 200 if markup_for(handset).name == "html5" else 404
    client.get("/admin/login", status=expected)
