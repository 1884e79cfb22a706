"""Every demo page keeps the site's access-key map, on one handset of each family.

The seeded demo is crawled as tests.handset_bytes crawls it (logged out, then logged in, at
a standing clock) on every handset it fingerprints, the 5 KB docomo whose long pages are
split among them; each page's links are read as the handset shows them and checked against
the rules of tests.keys.rules (README, "Access keys").
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from webtest import TestResponse  # type: ignore[import-untyped]

from carriers.markup import markup_for
from keitai.gateway import keymap
from keitai.seed.showcase_texts import login_emails
from tests.gateway.crawl import Crawler, Page
from tests.gateway.test_every_page_keeps_the_session import ANONYMOUS, log_in
from tests.handset_bytes.pages import (
    HANDSETS,
    LIMIT,
    dispose,
    make_app,
    page_key,
    seeded_demo,
    standing_clock,
)
from tests.handsets import PROFILES, HandsetClient, page_text
from tests.keys.rules import Link, back_problems, links_of, problems


class _KeyCrawler(Crawler):
    """A crawler that keeps every page's links as the handset shows them."""

    links: dict[str, list[Link]]

    def crawl_one(self, response: TestResponse, url: str) -> Page:
        page = super().crawl_one(response, url)
        self.links[page_key(url)] = links_of(page_text(response), url,
                                             markup_for(self.handset).xml)
        return page


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seed the demo once, at the standing clock; every handset crawls a copy of it."""
    return seeded_demo(tmp_path_factory.mktemp("keys"))


def crawled(demo: Path, folder: Path, name: str) -> dict[str, list[Link]]:
    """Crawl a copy of the demo as one handset, logged out then in; return every page's
    links by `visitor <address>` and `member <address>`."""
    copy = folder / f"{name}.sqlite3"
    shutil.copyfile(demo, copy)
    found: dict[str, list[Link]] = {}
    with standing_clock():
        app = make_app(f"sqlite:///{copy}")
        try:
            crawler = _KeyCrawler(app, HandsetClient(app, PROFILES[name]), limit=LIMIT)
            for who in ("visitor", "member"):
                crawler.links = {}
                if who == "visitor":
                    crawler.crawl(*ANONYMOUS)
                else:
                    crawler.seen.clear()
                    crawler.crawl(log_in(crawler, login_emails()[0]))
                found.update({f"{who} {key}": links for key, links in crawler.links.items()})
        finally:
            dispose(app)
    return found


@pytest.mark.parametrize("name", HANDSETS)
def test_every_page_keeps_the_key_map(demo: Path, tmp_path: Path, name: str) -> None:
    pages = crawled(demo, tmp_path, name)
    broken = {page: found for page, links in pages.items()
              if (found := problems(links, page.split(" ", 1)[1]))}
    for page, found in back_problems(pages).items():
        broken.setdefault(page, []).extend(found)
    assert not broken, f"{name}: {len(broken)} pages break the key map: " + "\n".join(
        f"{page}: {found}" for page, found in sorted(broken.items()))
    # the crawl saw every kind of key at work, so the rules were tried on each
    used = {link.key for links in pages.values() for link in links}
    assert {keymap.HOME, keymap.BACK, keymap.WRITE, keymap.PREV, keymap.NEXT} <= used, used
    assert len(pages) >= 150, len(pages)
    if name == "docomo-D501i":  # 5 KB pages: long ones come in parts
        assert {keymap.PART_PREV, keymap.PART_NEXT} <= used, used
