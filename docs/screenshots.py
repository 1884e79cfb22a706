"""Draw the README's screenshots of the PC and smartphone pages: `make screenshots`, or
`python -m docs.screenshots` from the repository's root.

The demo is seeded as `keitai demo` seeds it, into a scratch SQLite database in a temporary
folder (the instance folder is left alone); the site is served on a free port of 127.0.0.1
and Chromium (Debian's, through Playwright) logs in as the demo's first login and draws the
home page, a diary, a community and the member's profile on a PC (1280 px wide, the page's
top 1600 px) and on a smartphone (390 px wide, the first screen with its bottom bar, at twice
the pixels). The PNGs go to docs/screenshots/, their colours reduced to a palette to keep
them small.
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as docs/screenshots.py
from simulator.server import ServerThread  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
#: the PC page's height drawn at most (CSS px)
DESKTOP_HEIGHT = 1600


def serve_demo(folder: Path) -> ServerThread:
    """Seed the demo into a SQLite database in folder and serve it."""
    os.environ.update({"KEITAI_INSTANCE_DIR": str(folder), "KEITAI_DEMO": "1",
                       "KEITAI_DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}",
                       "KEITAI_SECRET_KEY": os.environ.get("KEITAI_SECRET_KEY",
                                                           "screenshots-only-secret-key")})
    from keitai import create_app, migrations
    from keitai.seed.command import seed_demo

    migrations.upgrade(os.environ["KEITAI_DATABASE_URL"])
    seed_demo()
    app = create_app()
    server = ServerThread(app, quiet=True)
    app.config["BASE_URL"] = server.url
    return server.start()


def first_link(page: Page, pattern: str) -> str:
    """Return the first link of the page whose path matches pattern."""
    hrefs: list[str] = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    for href in hrefs:
        if re.search(pattern, href):
            return href
    raise SystemExit(f"no link matching {pattern} on {page.url}")


def pages(page: Page, base: str) -> dict[str, str]:
    """Log in as the demo's first login; return the addresses of the pages to draw."""
    from keitai.seed import PASSWORD
    from keitai.seed.showcase_texts import login_emails

    page.goto(base + "/login")
    page.locator('input[name="email"]').fill(login_emails()[0])
    page.locator('input[name="password"]').fill(PASSWORD)
    page.locator('form[action$="/login"] input[type="submit"]').click()
    page.wait_for_load_state()
    page.goto(base + "/")
    menu = page.locator('nav.k-menu a[href*="/members/"]')  # the member's own profile
    profile = (base + (menu.first.get_attribute("href") or "") if menu.count()
               else first_link(page, r"/members/\d+$"))
    page.goto(profile + "/diary")
    diary = first_link(page, r"/diary/\d+$")
    page.goto(base + "/communities")
    community = first_link(page, r"/communities/\d+$")
    return {"home": base + "/", "diary": diary, "community": community, "profile": profile}


def draw(browser: Browser, base: str, device: str) -> list[Path]:
    """Draw the four pages on one device; return the files written."""
    from tests.handsets import PROFILES

    phone = device == "phone"
    context = browser.new_context(
        viewport={"width": 390, "height": 844} if phone else {"width": 1280, "height": 800},
        user_agent=PROFILES["smartphone-iPhone" if phone else "pc-Firefox"].user_agent,
        locale="ja-JP", is_mobile=phone, has_touch=phone, device_scale_factor=2 if phone else 1)
    page = context.new_page()
    written = []
    for name, url in pages(page, base).items():
        page.goto(url)
        path = OUT / f"{device}-{name}.png"
        if phone:  # the first screen, with the bottom bar where the phone shows it
            page.screenshot(path=str(path))
        else:
            height = min(DESKTOP_HEIGHT, int(page.evaluate(
                "() => document.documentElement.scrollHeight")))
            page.screenshot(path=str(path), full_page=True,
                            clip={"x": 0, "y": 0, "width": 1280, "height": height})
        shrink(path)
        written.append(path)
    context.close()
    return written


def shrink(path: Path) -> None:
    """Rewrite a PNG with a palette of 256 colours (a page is mostly flat colour and text)."""
    from PIL import Image

    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    reduced.save(path, optimize=True)


def main() -> None:
    """Seed, serve and draw every screenshot; print each file and its size."""
    from tests.simulator.driver import CHROMIUM, CHROMIUM_ARGS

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="keitai-screenshots-") as folder:
        server = serve_demo(Path(folder))
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                     args=CHROMIUM_ARGS)
                for device in ("desktop", "phone"):
                    for path in draw(browser, server.url, device):
                        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
