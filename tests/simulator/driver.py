"""Drive the simulator UI in Chromium the way a tester does: pick, open, press, fill, read mail."""
from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import FrameLocator, Locator, Page, expect

SCREENSHOTS = Path(__file__).with_name("screenshots")
#: Chromium as Debian packages it; Playwright's own download is not used
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


class SimulatorDriver:
    """The simulator's UI in a browser tab."""

    def __init__(self, page: Page, url: str) -> None:
        self.page = page
        self.url = url

    @property
    def screen(self) -> FrameLocator:
        """Return the phone screen."""
        return self.page.frame_locator("#screen")

    @property
    def screen_body(self) -> Locator:
        """Return the phone screen's body, for expect(...).to_contain_text()."""
        return self.screen.locator("body")

    @property
    def meter(self) -> Locator:
        """Return the size meter."""
        return self.page.locator("#meter")

    def start(self, handset: str | None = None) -> None:
        """Open the simulator's front page, with a handset when named."""
        self.page.goto(self.url + (f"/?handset={handset}" if handset else "/"))
        self._wait_for_screen(None)

    def pick(self, handset: str) -> None:
        """Choose a handset from the list, as a tester does."""
        with self.page.expect_navigation():
            self.page.select_option("#handset-select", handset)
        self._wait_for_screen(None)

    def open(self, address: str) -> None:
        """Type an address (a path is on the target site) and open it."""
        self._after(lambda: (self.page.fill("#address", address),
                             self.page.click("#address-form button")))

    def press(self, key: str) -> None:
        """Press a key of the on-screen keypad."""
        self._after(lambda: self.page.click(f'.keypad [data-key="{key}"]'))

    def tap(self, key: str) -> None:
        """Press a key of the on-screen keypad that is not expected to change the page (typing
        into the focused field with multi-tap)."""
        self.page.click(f'.keypad [data-key="{key}"]')

    def type_key(self, key: str) -> None:
        """Press a number key (or * or #) on the PC keyboard."""
        self.page.locator("body").click(position={"x": 600, "y": 5})
        self._after(lambda: self.page.keyboard.press(key))

    def follow(self, text: str) -> None:
        """Click the link with that text on the screen."""
        self._after(lambda: self.screen.get_by_role("link", name=text).first.click())

    def fill(self, name: str, value: str) -> None:
        """Type into a field of the screen."""
        self.screen.locator(f'[name="{name}"]').first.fill(value)

    def submit(self, label: str | None = None) -> None:
        """Press a form's button (the first one when no label is given)."""
        buttons = self.screen.locator('input[type="submit"], button[type="submit"]')
        button = buttons.first if label is None else buttons.filter(has_text=label).or_(
            self.screen.locator(f'input[type="submit"][value="{label}"]')).first
        self._after(button.click)

    def confirm(self, yes: bool = True) -> None:
        """Answer the handset's utn question."""
        self._after(lambda: self.screen.locator(f'[data-sim-key="{1 if yes else 2}"]').click())

    def back(self) -> None:
        """Press the back key."""
        self._after(lambda: self.page.click("#back"))

    def clear_session(self) -> None:
        """Press the button that clears the handset's cookies and session."""
        self._after(lambda: self.page.click("#clear-session-button"))

    @property
    def findings(self) -> Locator:
        """Return the findings listed beside the phone, one item each."""
        return self.page.locator("#findings .finding")

    def check_page(self) -> Locator:
        """Press "check this page", wait for the verdict on the page on screen, return the
        findings listed."""
        shown = self._current()
        self.page.click("#check-button")
        self.page.wait_for_function(
            "shown => document.getElementById('check').dataset.checked === shown", arg=shown)
        return self.findings

    def read_mail(self, subject: str) -> Locator:
        """Open the mailbox, open the newest mail with that subject, return its body."""
        self.page.goto(self.url + "/mail/")
        self.page.locator(".mail-subject", has_text=subject).first.click()
        return self.page.locator("#mail-body")

    def open_mail_link(self, number: int = 1) -> None:
        """Follow link number N of the open mail (it opens in the handset that owns it)."""
        with self.page.expect_navigation():
            self.page.locator("#mail-body a.mail-link").nth(number - 1).click()
        self._wait_for_screen(None)

    def record(self) -> None:
        """Start recording a script."""
        with self.page.expect_navigation():
            self.page.click("text=記録を始める")

    def stop_recording(self) -> None:
        """Stop recording."""
        with self.page.expect_navigation():
            self.page.click("text=記録を止める")

    def add_expect(self, text: str) -> None:
        """Add an expect step for text on the screen."""
        self.page.fill('input[name="text"]', text)
        with self.page.expect_navigation():
            self.page.click("text=expect を追加")

    def screenshot(self, name: str) -> Path:
        """Save a screenshot of the whole UI under tests/simulator/screenshots/."""
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def _current(self) -> str | None:
        value = self.page.evaluate("document.body.dataset.page || null")
        return str(value) if value is not None else None

    def _after(self, action: object) -> None:
        before = self._current()
        assert callable(action)
        action()
        self._wait_for_screen(before)

    def _wait_for_screen(self, before: str | None) -> None:
        self.page.wait_for_function(
            "before => document.body.dataset.page && document.body.dataset.page !== before",
            arg=before)


def without_spaces(text: str) -> re.Pattern[str]:
    """Return a pattern matching text with any white space between its words."""
    return re.compile(r"\s*".join(map(re.escape, text.split())))


__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "SimulatorDriver", "expect", "without_spaces"]
