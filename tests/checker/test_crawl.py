"""The crawler: same-site links and GET forms breadth first, never a POST form, nofollow
respected, --max-pages and --same-prefix, the session kept as the handset keeps it, and the
login through the site's own form."""
from __future__ import annotations

from dataclasses import replace

import pytest

from simulator.checker.crawl import HandsetCrawl, Login
from simulator.checker.run import check_site, generation_of, select_profiles
from simulator.profiles import Profile, builtin_profiles
from simulator.transport import WsgiTransport
from tests.checker.crawlsite import EMAIL, PASSWORD, CrawlSite, create_crawl_site

START = "http://crawl.test/"
PROFILES = {p.name: p for p in builtin_profiles()}


def crawl(site: CrawlSite, name: str = "docomo-P903i", **options: object) -> list[str]:
    """Crawl the site as one handset; return the paths of the pages checked."""
    run = HandsetCrawl(PROFILES[name], START, WsgiTransport(site.app),
                       **options).run()  # type: ignore[arg-type]
    return [page.url.removeprefix("http://crawl.test") for page in run.pages]


def test_follows_links_and_get_forms_breadth_first_on_the_site_only() -> None:
    site = create_crawl_site(deep=3)
    pages = crawl(site)
    assert pages[:1] == ["/"]
    assert {"/a", "/deep/1", "/sub/", "/login", "/moved-here"} <= set(pages)
    assert "/search?q=%94L" in pages  # the GET form, sent with its value in Shift_JIS
    assert pages.index("/a") < pages.index("/deep/2") < pages.index("/deep/3")
    assert len(pages) == len(set(pages))  # /a#part is /a
    assert all(h.path != "/x" for h in site.hits)  # never another host


def test_never_sends_a_post_form_and_respects_nofollow() -> None:
    site = create_crawl_site(deep=2)
    crawl(site)
    assert site.paths("POST") == []
    assert "/b" not in site.paths()


def test_max_pages_caps_each_handset() -> None:
    site = create_crawl_site(deep=50)
    assert len(crawl(site, max_pages=7)) == 7


def test_same_prefix_keeps_under_the_start_path() -> None:
    site = create_crawl_site()
    run = HandsetCrawl(PROFILES["docomo-P903i"], "http://crawl.test/sub/",
                       WsgiTransport(site.app), same_prefix=True).run()
    assert sorted(p.url for p in run.pages) == ["http://crawl.test/sub/",
                                                "http://crawl.test/sub/inner"]


@pytest.mark.parametrize("name", ["docomo-N505i", "au-W53CA"])
def test_logs_in_through_the_sites_form_and_keeps_the_session_as_the_handset_does(
        name: str) -> None:
    site = create_crawl_site(deep=1)
    pages = crawl(site, name, login=Login(EMAIL, PASSWORD))
    assert site.paths("POST") == ["/login"]  # the login form, and nothing else
    assert any(p.startswith("/private") for p in pages)
    private = [h for h in site.hits if h.path == "/private"]
    profile = PROFILES[name]
    if profile.cookies:
        assert all("sid=" in h.cookie and "sid=" not in h.query for h in private)
    else:
        assert all(h.cookie == "" and h.query.startswith("sid=") for h in private)
    assert "/logout" not in site.paths()  # a logged-in crawl does not end its own session
    assert all(site.sessions.values())


def test_a_refused_login_is_reported_and_nothing_is_crawled() -> None:
    site = create_crawl_site()
    run = HandsetCrawl(PROFILES["au-W53CA"], START, WsgiTransport(site.app),
                       login=Login(EMAIL, "wrong")).run()
    assert "did not accept the login" in run.problem
    assert run.pages == []


def test_sends_the_handsets_user_agent_and_gateway_ids() -> None:
    site = create_crawl_site(deep=1)
    crawl(site, "au-W53CA")
    assert {h.user_agent for h in site.hits} == {PROFILES["au-W53CA"].user_agent}


def test_the_default_handsets_are_one_per_generation_and_names_are_checked() -> None:
    chosen = select_profiles()
    generations = [generation_of(p) for p in chosen]
    assert len(generations) == len(set(generations))
    assert {generation_of(p) for p in PROFILES.values()} == set(generations)
    carriers_seen = {p.handset.carrier for p in chosen}
    assert {"docomo", "au", "softbank"} <= carriers_seen
    assert [p.name for p in select_profiles(["au-W53CA", "docomo-N505i"])] == [
        "au-W53CA", "docomo-N505i"]
    assert len(select_profiles(all_handsets=True)) == len(PROFILES)


def test_check_site_crawls_every_handset_in_parallel_and_gathers_one_report() -> None:
    site = create_crawl_site(deep=2)
    profiles: list[Profile] = [PROFILES["docomo-P903i"], PROFILES["softbank-930SH"],
                               replace(PROFILES["pc-Firefox"], name="pc-copy")]
    report = check_site(START, profiles, transport=WsgiTransport(site.app), parallel=3)
    assert [run.handset for run in report.runs] == ["docomo-P903i", "softbank-930SH", "pc-copy"]
    assert all(len(run.pages) == len(report.runs[0].pages) for run in report.runs)
