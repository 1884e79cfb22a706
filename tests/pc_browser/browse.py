"""Chromium on the demo as a PC or a smartphone: the devices, logging in, a crawl that opens
one page of each shape, and axe-core's accessibility check of a page.

axe-core comes from npm (package.json at the repository's root, `make install` runs npm ci);
its script is loaded into each page and run with the WCAG 2 A and AA rules.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page

from keitai.seed import PASSWORD
from tests.gateway.crawl import shape
from tests.handsets import PROFILES

ROOT = Path(__file__).resolve().parents[2]
#: the script npm ci installs (make install)
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: the rules axe runs: WCAG 2.0, 2.1 and 2.2, levels A and AA
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: the impacts a page may not have
GRAVE = frozenset(("serious", "critical"))
#: files a link may lead to that are no page (photos, videos, sounds)
_FILES = (".jpg", ".jpeg", ".gif", ".png", ".3gp", ".3g2", ".mp4", ".amr", ".mid", ".vcf")


@dataclass(frozen=True)
class Device:
    """How Chromium shows itself and the page: the User-Agent of a handset profile and a
    screen."""

    name: str
    profile: str
    width: int
    height: int
    mobile: bool

    def open(self, browser: Browser, scale: float = 1) -> BrowserContext:
        """Open a browser context that is this device (scale: device pixels per CSS pixel;
        the checks need no more than 1, which draws fastest)."""
        return browser.new_context(
            viewport={"width": self.width, "height": self.height},
            user_agent=PROFILES[self.profile].user_agent, locale="ja-JP",
            is_mobile=self.mobile, has_touch=self.mobile, device_scale_factor=scale)


DESKTOP = Device("desktop", "pc-Firefox", 1280, 800, False)
PHONE = Device("phone", "smartphone-iPhone", 390, 844, True)


@dataclass(frozen=True)
class Violation:
    """One rule axe found broken on a page, with the elements that break it."""

    rule: str
    impact: str
    url: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        """Name the rule, its impact, the page and the elements, as a failure lists it."""
        return f"{self.rule} ({self.impact}) on {self.url}: {', '.join(self.targets)}"


def axe_violations(page: Page) -> list[Violation]:
    """Run axe-core in the page with the WCAG 2 A/AA rules; return what it found broken."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: "
        "['violations']}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact, "
        "targets: v.nodes.map(n => n.target.join(' '))})))", AXE_TAGS)
    path = page_path(page.url)
    return [Violation(item["id"], item["impact"] or "", path, tuple(item["targets"]))
            for item in found]


def duplicate_ids(page: Page) -> list[str]:
    """Return the ids more than one element of the page has (a label or a link to #id would
    find only the first; axe-core no longer checks ids no ARIA attribute names)."""
    found: list[str] = page.evaluate(
        "() => { const seen = new Map(); for (const el of document.querySelectorAll('[id]'))"
        " seen.set(el.id, (seen.get(el.id) || 0) + 1);"
        " return [...seen].filter(([, n]) => n > 1).map(([id]) => id); }")
    return found


def page_path(url: str) -> str:
    """Return a URL's path and query, as a failure message names a page."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def log_in(page: Page, base: str, email: str) -> None:
    """Log in through the login form, as a member types it."""
    page.goto(base + "/login")
    page.locator('input[name="email"]').fill(email)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('form[action$="/login"] input[type="submit"]').click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path != "/login", f"the login failed: {page.url}"


@dataclass
class Crawl:
    """Open the site's pages breadth first in one tab, one page of each shape (its path with
    numbers as N and its query's names), following same-site links."""

    page: Page
    base: str
    #: pages opened at most (the demo has about 135 shapes for a visitor and a member)
    limit: int = 250
    shapes: set[str] = field(default_factory=set)
    opened: list[str] = field(default_factory=list)

    def pages(self, *starts: str) -> Iterator[str]:
        """Open the start pages (each of them, whatever its shape) and the pages reachable
        from them; yield each page's path while the tab shows it."""
        pending = [self.base + start for start in starts]
        started = set(pending)
        while pending and len(self.opened) < self.limit:
            url = pending.pop(0)
            if shape(url) in self.shapes and url not in started:
                continue
            started.discard(url)
            self.shapes.add(shape(url))
            response = self.page.goto(url)
            assert response is not None, url
            if response.status >= 400:
                raise AssertionError(f"{page_path(url)}: {response.status}")
            if "html" not in response.headers.get("content-type", ""):
                continue
            self.shapes.add(shape(self.page.url))  # where a redirect led
            self.opened.append(page_path(self.page.url))
            yield page_path(self.page.url)
            links: list[str] = self.page.eval_on_selector_all(
                "a[href]", "links => links.map(a => a.href.split('#')[0])")
            pending.extend(link for link in links if self.follows(link))

    def follows(self, url: str) -> bool:
        """Return True for a link the crawl opens: our site's pages, not their files."""
        if not url.startswith(self.base + "/"):
            return False
        return not urlsplit(url).path.lower().endswith(_FILES)
