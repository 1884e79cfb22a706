"""Every page kind of the demo in Chromium, on a PC (1280×800) and on a smartphone (390×844):
axe-core finds no serious or critical WCAG 2 A/AA violation, no page scrolls sideways, and a
member's page keeps its layout (three columns side by side on the PC; on the phone the
bottom bar fixed at the bottom of the screen, the page's end above it).

A visitor's pages are opened first, then a member logs in through the login form; the crawl
follows same-site links breadth first, one page of each shape (tests.gateway.crawl.shape).
"""
from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page

from keitai.seed.showcase_texts import login_emails
from tests.pc_browser.browse import (
    DESKTOP,
    GRAVE,
    Crawl,
    Device,
    Violation,
    axe_violations,
    duplicate_ids,
    log_in,
)
from tests.pc_browser.layout import desktop_problems, no_sideways_scroll, phone_problems

#: the pages a visitor's crawl starts from (the top page links to few of them), mailed links
#: with a stale token among them (tests.gateway.test_every_page_keeps_the_session's)
VISITOR_STARTS = ("/", "/login", "/signup", "/password/forgot", "/terms", "/handset", "/demo",
                  "/easy_login", "/login/unlock", "/password/reset?t=x", "/signup/verify?t=x",
                  "/login/unlock/link?t=x", "/exit?url=http%3A%2F%2Fexample.com%2Fa%3Fb%3D1")
#: pages only a GET form leads to, which the crawl does not fill in: search results
MEMBER_STARTS = ("/", "/search?q=%E6%9D%B1%E4%BA%AC&kind=members",
                 "/search?q=%E6%97%85%E8%A1%8C&kind=diaries",
                 "/search?q=%E3%83%A9%E3%83%BC%E3%83%A1%E3%83%B3&kind=communities",
                 "/search?q=%E3%82%AA%E3%83%95&kind=topics", "/reviews/search?q=%E6%9C%AC")
#: kinds of page (first part of the path) a member's crawl must reach, or it went astray
MEMBER_KINDS = {"members", "friends", "diary", "communities", "topics", "messages",
                "settings", "footprints", "bookmarks", "albums", "news", "reviews", "music"}


def check(page: Page, device: Device, path: str, member: bool) -> list[str]:
    """Return what is wrong with the page the tab shows: axe-core's serious and critical
    violations, ids given twice, sideways scrolling, and a member's page out of its layout."""
    grave: list[Violation] = [found for found in axe_violations(page) if found.impact in GRAVE]
    problems = [str(found) for found in grave]
    problems += [f"{path}: several elements have the id {name!r}" for name in duplicate_ids(page)]
    problems += no_sideways_scroll(page, path)
    if member and device is DESKTOP:
        problems += desktop_problems(page, path)
    elif member:
        problems += phone_problems(page, path)
    return problems


def wrong_password(page: Page, site: str) -> str:
    """Send the login form with a wrong password: the page comes back with its message in
    red (m.message); return its path."""
    page.goto(site + "/login")
    page.locator('input[name="email"]').fill("nobody@example.jp")
    page.locator('input[name="password"]').fill("wrong-password")
    page.locator('form[action$="/login"] input[type="submit"]').click()
    page.wait_for_load_state()
    assert page.locator('span[style*="color"]').count() >= 1, page.content()
    return "/login (a wrong password)"


def test_every_page_passes_axe_and_keeps_its_layout(site: str, device: Device,
                                                    page: Page) -> None:
    problems: list[str] = []
    visitor = Crawl(page, site)
    for path in visitor.pages(*VISITOR_STARTS):
        problems += check(page, device, path, member=False)
    problems += check(page, device, wrong_password(page, site), member=False)

    log_in(page, site, login_emails()[0])
    member = Crawl(page, site)
    for path in member.pages(*MEMBER_STARTS):
        assert urlsplit(page.url).path != "/login", f"{path}: the member was logged out"
        problems += check(page, device, path, member=True)

    assert len(visitor.opened) >= 12 and len(member.opened) >= 100, (visitor.opened,
                                                                   member.opened)
    assert MEMBER_KINDS <= {path.split("/")[1] for path in member.opened}
    assert problems == [], f"{len(problems)} problems on {device.name}:\n" + "\n".join(problems)


#: a page that breaks what the checks look for: an image without alt, a line wider than any
#: window, an id twice, a member's page without its columns and its bottom bar
BROKEN = ('<!DOCTYPE html><html lang="ja"><head><title>t</title></head><body class="k-member">'
          '<main class="k-main"><h1>t</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw='
          '" width="10" height="10"><div style="width:2000px" id="x">wide</div><p id="x">'
          '</p></main></body></html>')


def test_the_checks_find_a_broken_page(page: Page, device: Device) -> None:
    page.set_content(BROKEN)
    problems = "\n".join(check(page, device, "/broken", member=True))
    assert "image-alt (critical) on " in problems and "img" in problems
    assert "/broken: several elements have the id 'x'" in problems
    assert "/broken: the page is 2" in problems and "(it scrolls sideways)" in problems
    if device is DESKTOP:
        assert "/broken: no menu region shown" in problems
    else:
        assert "/broken: no bottom bar (nav.k-tabbar) shown" in problems
