"""Which URLs lead off the site, as a browser would read them; those never get the token."""
from __future__ import annotations

import pytest

from keitai.gateway.links import LinkPlan, leads_off_site, rewrite_html, rewrite_location

HOST = "keitai.test"
PLAN = LinkPlan(host=HOST, link_query="ksid=TOKEN", post_action_query="",
                get_fields='<input type="hidden" name="ksid" value="TOKEN" />',
                post_fields=lambda: '<input type="hidden" name="ksid" value="TOKEN" />')


@pytest.mark.parametrize("url", [
    "/exit?url=x", "/exit", "/%65xit?url=x", "/./exit", "/a/../exit", "/%2E/exit",
    "\\exit", " /exit", "/ex\tit", "http://keitai.test/exit?url=x", "//evil.example/",
    "/\\evil.example/", "\\\\evil.example", "http://evil.example/", "https://keitai.test@x/",
    "\t//evil.example",
])
def test_these_lead_off_the_site(url: str) -> None:
    assert leads_off_site(url, HOST)


@pytest.mark.parametrize("url", ["/", "/friends?page=2", "/exits", "/exit/more",
                                 "http://keitai.test/friends", "/members/1#top"])
def test_these_stay_on_the_site(url: str) -> None:
    assert not leads_off_site(url, HOST)


@pytest.mark.parametrize("location", ["/exit?url=http://evil.example/", "/./exit?url=x",
                                      "/\\evil.example/", "//evil.example/"])
def test_a_redirect_that_leads_off_the_site_gets_no_token(location: str) -> None:
    assert "TOKEN" not in rewrite_location(location, HOST, "ksid=TOKEN")


def test_a_redirect_to_our_own_page_gets_the_token() -> None:
    assert rewrite_location("/friends", HOST, "ksid=TOKEN") == "/friends?ksid=TOKEN"


@pytest.mark.parametrize("markup", [
    '<a href="/./exit?url=x">x</a>', '<a href="/%65xit?url=x">x</a>',
    '<form action="/exit" method="get"><input name="url" /></form>',
    '<a href="/\\evil.example/">x</a>',
])
def test_links_and_forms_that_lead_off_the_site_get_no_token(markup: str) -> None:
    assert "TOKEN" not in rewrite_html(markup, PLAN)


def test_a_backslash_link_to_another_site_goes_through_the_exit_page() -> None:
    rewritten = rewrite_html('<a href="/\\evil.example/">x</a>', PLAN)
    assert 'href="/exit?url=' in rewritten


@pytest.mark.parametrize("host", ["keitai.test", "other.test", "keitai.test", "other.test"])
def test_an_absolute_link_is_judged_by_the_host_of_each_request(host: str) -> None:
    # where a link leads is remembered per link and host: another host's answer never serves
    plan = LinkPlan(host=host, link_query="ksid=TOKEN", post_action_query="", get_fields="",
                    post_fields=lambda: "")
    page = rewrite_html('<a href="http://keitai.test/friends">x</a>', plan)
    if host == HOST:
        assert page == '<a href="http://keitai.test/friends?ksid=TOKEN">x</a>'
    else:
        assert "TOKEN" not in page and "/exit?url=" in page


@pytest.mark.parametrize("external_ok", [None, "http://evil.example/", None])
def test_the_exit_pages_own_address_is_judged_per_plan(external_ok: str | None) -> None:
    plan = LinkPlan(host=HOST, link_query="ksid=TOKEN", post_action_query="", get_fields="",
                    post_fields=lambda: "", external_ok=external_ok)
    page = rewrite_html('<a href="http://evil.example/">x</a>', plan)
    exits = "/exit?url=" in page
    assert exits == (external_ok is None) and "TOKEN" not in page
