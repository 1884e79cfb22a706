"""The navigation and privacy rules over a whole crawl, and the syntax they judge by."""
from __future__ import annotations

import pytest

from simulator.checker.context import looks_like_token
from simulator.checker.findings import Finding
from simulator.checker.rules.navigation import mailto_problem, tel_problem
from simulator.checker.rules.privacy import named_leaks
from simulator.checker.run import check_site
from simulator.profiles import Profile
from simulator.transport import WsgiTransport
from tests.checker.site import HOST, PROFILES, FixturePage, FixtureSite, chtml

BY_NAME = {p.name: p for p in PROFILES}


def crawl(pages: list[FixturePage], *names: str, start: str = "/",
          same_prefix: bool = False) -> list[Finding]:
    """Return what the checker finds crawling a small site as the named handsets."""
    profiles: list[Profile] = [BY_NAME[name] for name in names]
    report = check_site(HOST + start, profiles, transport=WsgiTransport(FixtureSite(pages)),
                        same_prefix=same_prefix)
    return report.findings


def rules_of(findings: list[Finding], prefix: str = "") -> list[tuple[str, str, str]]:
    """Return (handset, rule, url) of the findings whose rule starts with prefix."""
    return sorted((f.handset, f.rule, f.url.removeprefix(HOST)) for f in findings
                  if f.rule.startswith(prefix))


@pytest.mark.parametrize("number", ["0312345678", "03-1234-5678", "+81312345678", "*31%23",
                                    "%2A67", "0312345678p123", "117,1"])
def test_a_dialable_number_passes(number: str) -> None:
    assert tel_problem(number) is None


@pytest.mark.parametrize("number", ["", "03 1234 5678", "(03)1234-5678", "call-us", "+",
                                    "03%2", "03%201234"])
def test_a_number_the_dialler_cannot_take_is_refused(number: str) -> None:
    assert tel_problem(number) is not None


@pytest.mark.parametrize("target", ["info@example.jp", "taro..yamada.@docomo.ne.jp",
                                    "a@example.jp,b@example.jp", "?subject=hi&body=x",
                                    "info@example.jp?subject=%82%A0&cc=c@example.jp",
                                    "?to=info@example.jp", "info%40example.jp"])
def test_a_usable_mail_link_passes(target: str) -> None:
    assert mailto_problem(target) is None


@pytest.mark.parametrize("target", ["", "info@@example.jp", "info@example", "info",
                                    "info@example.jp?subject=a?body=b", "?subject",
                                    "info@example.jp?cc=nobody", "info@example.jp?body=50%",
                                    "taro yamada@example.jp"])
def test_a_mail_link_the_mailer_cannot_use_is_refused(target: str) -> None:
    assert mailto_problem(target) is not None


@pytest.mark.parametrize(("name", "value", "what"), [
    ("uid", "A1B2C3D4", "terminal id (uid)"),
    ("x", "serNMABH200331", "docomo serial number"),
    ("x", "ser123456789012345", "docomo serial number"),
    ("x", "icc8981100000000000000f", "FOMA card id"),
    ("to", "05001234567890_ab.ezweb.ne.jp", "au subscriber id"),
    ("PHPSESSID", "0123456789abcdef", "session token (PHPSESSID)"),
])
def test_ids_and_sessions_are_known_by_name_or_shape(name: str, value: str, what: str) -> None:
    assert what in [found for found, _ in named_leaks(name, value)]


@pytest.mark.parametrize(("name", "value"), [("uid", "NULLGWDOCOMO"), ("uid", ""),
                                             ("service", "serendipity1"), ("s", "keitai"),
                                             ("s", "smartphones"), ("guid", "ON")])
def test_ordinary_parameters_are_not_secrets(name: str, value: str) -> None:
    assert list(named_leaks(name, value)) == []


def test_a_token_looks_random_and_a_word_does_not() -> None:
    assert looks_like_token("AB12CD34EF56")
    assert looks_like_token("abcdefghijklmnopqrstuvwxyz")
    assert not looks_like_token("japanese")
    assert not looks_like_token("AB12 CD34 EF56")


def test_guid_missing_is_held_until_a_later_page_shows_the_site_asks_for_the_id() -> None:
    pages = [FixturePage("/", chtml('<a href="/login" accesskey="1">login</a>')),
             FixturePage("/login", chtml('<a href="/member?guid=ON" accesskey="1">go</a>')),
             FixturePage("/member", chtml("welcome"))]
    found = crawl(pages, "docomo-N505i", "au-W53CA")
    assert rules_of(found) == [("docomo-N505i", "privacy.guid-missing", "/"),
                               ("docomo-N505i", "privacy.guid-missing", "/login"),
                               ("docomo-N505i", "privacy.guid-missing", "/member?guid=ON")]


def test_a_site_that_never_asks_for_the_i_mode_id_is_not_told_to() -> None:
    pages = [FixturePage("/", chtml('<a href="/login" accesskey="1">login</a>')),
             FixturePage("/login", chtml("login"))]
    assert crawl(pages, "docomo-N505i") == []


def test_a_broken_link_is_reported_with_the_page_and_tag_that_lead_to_it() -> None:
    pages = [FixturePage("/", chtml('<a href="/gone" accesskey="1">old news</a>'))]
    found = [f for f in crawl(pages, "pc-Firefox") if f.rule == "nav.http-error"]
    assert [(f.url, f.excerpt) for f in found] == [
        (HOST + "/gone", 'line 1: <a href="/gone" accesskey="1">')]
    assert "404" in found[0].message and HOST + "/" in found[0].message


def test_a_session_given_in_the_first_pages_links_is_caught_leaving_on_that_page() -> None:
    pages = [FixturePage("/", chtml('<a href="/a?ksid=ZX98YW76VU54" accesskey="1">a</a>'
                                    '<a href="http://other.example/r/ZX98YW76VU54">b</a>')),
             FixturePage("/a", chtml("a"))]
    found = crawl(pages, "docomo-N505i")
    assert rules_of(found, "privacy.") == [
        ("docomo-N505i", "privacy.token-to-other-host", "/")]


def test_a_session_cookie_leaks_only_from_handsets_that_keep_cookies() -> None:
    pages = [FixturePage("/", chtml('<a href="http://other.example/r/QW12ER34TY56">b</a>'),
                         headers=(("Set-Cookie", "sid=QW12ER34TY56; Path=/"),))]
    found = crawl(pages, "docomo-N505i", "docomo-N06A")
    assert rules_of(found) == [("docomo-N06A", "privacy.token-to-other-host", "/")]


def test_the_top_of_a_keitai_directory_is_home_for_its_pages() -> None:
    pages = [FixturePage("/m/", chtml('<a href="/m/news" accesskey="1">news</a>')),
             FixturePage("/m/news", b"<html><head><title>news</title></head><body>"
                                    b'<a href="/m/index.html" accesskey="0">top</a>'
                                    b"</body></html>"),
             FixturePage("/m/index.html", chtml("top"))]
    assert crawl(pages, "au-W53CA", start="/m/", same_prefix=True) == []


def test_a_page_linking_only_to_itself_has_no_way_home() -> None:
    pages = [FixturePage("/", chtml('<a href="/m/news" accesskey="1">news</a>')),
             FixturePage("/m/news", b"<html><head><title>news</title></head><body>"
                                    b'<a href="/m/news" accesskey="1">again</a>'
                                    b"</body></html>")]
    found = crawl(pages, "au-W53CA", "pc-Firefox")
    assert rules_of(found) == [("au-W53CA", "nav.no-way-home", "/m/news")]
