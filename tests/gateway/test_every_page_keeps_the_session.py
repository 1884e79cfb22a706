"""Every page of the demo network, on every markup family, keeps the session where it must.

The demo network is seeded, a member logs in through the real login form, and a crawler
opens every page it can reach by following links (one or two pages of each kind), parsing
each with lxml: every same-site link and GET form carries the session where the handset
needs it and guid=ON on docomo, every POST form carries the CSRF secret of the session, no
link leaves the site but through the exit page. Anonymous pages are crawled first.
"""
from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from flask import Flask

import carriers
from carriers.markup import Markup, markup_for
from keitai.seed import PASSWORD
from keitai.seed.showcase_texts import login_emails
from tests.gateway.crawl import HOST, Crawler, query_of
from tests.handsets import PAGE_PROFILES, PROFILES, HandsetClient
from tests.seed.demo import seed_demo


def family(name: str) -> tuple[Markup, bool, bool, str]:
    """Return what decides how a handset's pages carry the session and are written."""
    profile = PROFILES[name]
    handset = carriers.detect(profile.user_agent, profile.headers)
    return (markup_for(handset), handset.cookies, handset.wants_guid, handset.charset)


#: one handset of each markup family, cookie rule and charset; and the 5 KB docomo whose
#: pages are split into parts (the parts' links are added after the rest of the page)
FAMILIES = list({family(name): name for name in reversed(PAGE_PROFILES)}.values())[::-1]
FAMILIES.append("docomo-D501i")
#: anonymous pages a crawl starts from, mailed links (with a stale token) among them
ANONYMOUS = ["/", "/demo", "/login", "/signup", "/password/forgot", "/terms", "/handset",
             "/easy_login", "/login/unlock", "/password/reset?t=x", "/signup/verify?t=x",
             "/login/unlock/link?t=x", "/exit?url=http%3A%2F%2Fexample.com%2Fa%3Fb%3D1"]


@pytest.fixture()
def demo(app: Flask) -> str:
    """Seed the demo as `keitai demo` does (a network, then the showcase: photos, profile
    fields, endorsements, bookmarks, mail, long diaries); return the first demo login."""
    app.config.update(BASE_URL=f"http://{HOST}", ARGON2_TIME_COST=1, ARGON2_MEMORY_KIB=1024,
                      DEMO=True)
    seed_demo(app)
    return login_emails()[0]


def log_in(crawler: Crawler, email: str) -> str:
    """Log in through the login form as the handset would send it; return where it lands."""
    response, url = crawler.open("/login")
    page = crawler.crawl_one(response, url)
    (form,) = [form for form in page.forms if urlsplit(form.url).path == "/login"]
    fields = {name: values[0] for name, values in form.hidden.items()}
    answer = crawler.client.post(form.url, {**fields, "email": email, "password": PASSWORD})
    assert answer.status_int == 302, answer.status
    landing = urljoin(form.url, str(answer.headers["Location"]))
    if not crawler.handset.cookies:
        crawler.token = query_of(landing)["ksid"][0]
    return landing


def test_the_families_cover_every_markup_and_session_rule() -> None:
    kinds = {family(name) for name in FAMILIES}
    assert {markup.name for markup, *_ in kinds} == {"chtml", "ixhtml", "xhtml_mp", "html5"}
    assert {(cookies, guid) for _markup, cookies, guid, _charset in kinds} == {
        (False, True), (True, True), (True, False), (False, False)}


@pytest.mark.parametrize("name", FAMILIES)
def test_every_page_keeps_the_session_and_csrf_and_leaves_only_by_the_exit(
        app: Flask, demo: str, name: str) -> None:
    crawler = Crawler(app, HandsetClient(app, PROFILES[name]))
    anonymous = crawler.crawl(*ANONYMOUS)
    assert any(form.method == "post" for page in anonymous for form in page.forms)

    crawler.seen.clear()
    landing = log_in(crawler, demo)
    pages = crawler.crawl(landing)
    kinds = {urlsplit(page.url).path.split("/")[1] for page in pages}
    # the crawl reached the member's pages: the session held all the way
    assert {"members", "friends", "diary", "messages", "settings", "footprints",
            "bookmarks"} <= kinds
    assert sum(form.method == "post" for page in pages for form in page.forms) >= 5
