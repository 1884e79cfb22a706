"""Replay a browsing script as the handsets it names (see simulator.script for the format)."""
from __future__ import annotations

import copy
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator import forms
from simulator.browser import Browser, Page, RedirectLoop
from simulator.document import Form, Link
from simulator.gateway import gateway_for
from simulator.mailview import latest_to
from simulator.recorder import link_label
from simulator.script import Step, parse_script
from simulator.session import Simulator, UnknownHandset
from simulator.transport import Transport, WsgiTransport

#: characters of the page shown when a step fails
EXCERPT_CHARS = 600


class ReplayError(AssertionError):
    """A step could not be done, or what it expected is not on the page."""

    def __init__(self, step: Step, reason: str, page: Page | None = None) -> None:
        shown = f"\n--- page {page.url} ---\n{page.document.text[:EXCERPT_CHARS]}" if page else ""
        super().__init__(f"line {step.line}: {step}: {reason}{shown}")
        self.step = step
        self.reason = reason


@dataclass(frozen=True)
class StepResult:
    """What one step did."""

    step: Step
    page_id: int | None
    note: str = ""


class Player:
    """Play steps one after another, keeping the handset, page and form in hand."""

    def __init__(self, simulator: Simulator, handset: str | None = None) -> None:
        self.sim = simulator
        self.browser: Browser | None = simulator.browser(handset) if handset else None
        self.page: Page | None = None
        self.form: Form | None = None
        self.results: list[StepResult] = []
        self._pending: Callable[[bool], Page] | None = None

    def run(self, steps: Iterable[Step]) -> list[StepResult]:
        """Play every step; raise ReplayError at the first that fails."""
        for step in steps:
            self.results.append(self.play(step))
        return self.results

    def play(self, step: Step) -> StepResult:
        """Play one step."""
        if self._pending is not None and step.verb != "confirm":
            raise ReplayError(step, "the handset is asking whether to send its serial number"
                              " (utn): add 'confirm yes' or 'confirm no'", self.page)
        if step.verb not in ("handset", "mail-open-latest") and self.browser is None:
            raise ReplayError(step, "no handset yet: start with 'handset NAME'")
        handler: Callable[[Step], str] = getattr(self, "_" + step.verb.replace("-", "_"))
        try:
            note = handler(step)
        except forms.FormError as error:
            raise ReplayError(step, str(error), self.page) from None
        except (OSError, RedirectLoop) as error:
            raise ReplayError(step, f"the site did not answer: {error}", self.page) from None
        return StepResult(step, self.page.id if self.page else None, note)

    def _show(self, page: Page) -> str:
        self.page, self.form = page, None
        return f"{page.exchange.status} {page.url}"

    def _handset(self, step: Step) -> str:
        try:
            self.browser = self.sim.browser(step.args[0])
        except UnknownHandset:
            raise ReplayError(step, f"no handset profile named {step.args[0]!r}") from None
        self.page, self.form = self.browser.current(), None
        return self.browser.profile.label

    def _open(self, step: Step) -> str:
        assert self.browser is not None
        return self._show(self.browser.open(step.args[0]))

    def _follow(self, step: Step) -> str:
        wanted = step.args[0]
        links = self._current(step).document.links
        found = (next((k for k in links if wanted in (link_label(k), k.text)), None)
                 or next((k for k in links if wanted in k.text), None))
        if found is None:
            raise ReplayError(step, f"no link {wanted!r} on the page", self.page)
        return self._go(step, found)

    def _key(self, step: Step) -> str:
        links = self._current(step).document.links
        found = next((link for link in links if link.key == step.args[0]), None)
        if found is None:
            raise ReplayError(step, f"no link on access key {step.args[0]}", self.page)
        return self._go(step, found)

    def _go(self, step: Step, link: Link) -> str:
        assert self.browser is not None
        if not link.url.startswith(("http://", "https://")):
            raise ReplayError(step, f"the link goes nowhere a handset browses: {link.url}")
        browser = self.browser
        if link.utn and gateway_for(browser.profile).honours_utn:
            self._pending = lambda yes: browser.open(link.url, serials=yes)
            return "the handset asks to send its serial number"
        return self._show(browser.open(link.url))

    def _fill(self, step: Step) -> str:
        name, _, value = step.args[0].partition("=")
        if self.form is None or not any(c.name == name for c in self.form.controls):
            found = next((f for f in self._current(step).document.forms
                          if any(c.name == name for c in f.controls)), None)
            if found is None:
                raise ReplayError(step, f"no form with a field {name!r}", self.page)
            self.form = copy.deepcopy(found)
        forms.fill(self.form, name, value)
        return f"{name} filled"

    def _submit(self, step: Step) -> str:
        page = self._current(step)
        form = self.form or (copy.deepcopy(page.document.forms[0])
                             if page.document.forms else None)
        if form is None:
            raise ReplayError(step, "no form on the page", page)
        pairs = forms.submission(form, forms.button_for(form, step.args[0] if step.args else None))
        browser = self.browser
        assert browser is not None

        def send(serials: bool) -> Page:
            return browser.open(form.action, form.method, pairs, charset=page.charset,
                                serials=serials, secret=forms.secret_fields(form))

        if form.utn and gateway_for(browser.profile).honours_utn:
            self._pending = send
            return "the handset asks to send its serial number"
        return self._show(send(False))

    def _confirm(self, step: Step) -> str:
        if self._pending is None:
            raise ReplayError(step, "the handset is not asking anything", self.page)
        pending, self._pending = self._pending, None
        return self._show(pending(step.args[0] == "yes"))

    def _expect(self, step: Step) -> str:
        if _squash(step.args[0]) not in _squash(self._current(step).document.text):
            raise ReplayError(step, f"{step.args[0]!r} is not on the page", self.page)
        return "found"

    def _expect_not(self, step: Step) -> str:
        if _squash(step.args[0]) in _squash(self._current(step).document.text):
            raise ReplayError(step, f"{step.args[0]!r} is on the page", self.page)
        return "not found"

    def _back(self, step: Step) -> str:
        assert self.browser is not None
        page = self.browser.back()
        if page is None:
            raise ReplayError(step, "there is no page to go back to", self.page)
        return self._show(page)

    def _clear_session(self, step: Step) -> str:
        assert self.browser is not None
        return self._show(self.browser.clear_session())

    def _mail_open_latest(self, step: Step) -> str:
        address = step.options["to"]
        mail = latest_to(self.sim.mailbox_dir, address, self.sim.carrier_of)
        if mail is None:
            raise ReplayError(step, f"no mail to {address}")
        number = int(step.options.get("link") or 1)
        if not 1 <= number <= len(mail.links):
            raise ReplayError(step, f"the mail {mail.subject!r} has {len(mail.links)} links")
        owner = self.sim.owner_of(address)
        if owner is not None:
            self.browser = self.sim.browser(owner.name)
        if self.browser is None:
            raise ReplayError(step, f"no handset owns {address}: start with 'handset NAME'")
        return self._show(self.browser.open(mail.links[number - 1]))

    def _current(self, step: Step) -> Page:
        if self.page is None:
            raise ReplayError(step, "no page yet: open one first")
        return self.page


def _squash(text: str) -> str:
    return " ".join(text.split())


def replay(script: str | Path, *, target: str = "http://keitai.test", app: Any = None,
           transport: Transport | None = None, data_dir: Path | None = None,
           mailbox_dir: Path | None = None) -> Player:
    """Replay a script (text or file) against a WSGI app in-process or a live target."""
    text = script.read_text(encoding="utf-8") if isinstance(script, Path) else script
    steps = parse_script(text)
    if app is not None:
        transport = WsgiTransport(app)
    with tempfile.TemporaryDirectory(prefix="keitai-replay-") as scratch:
        folder = Path(data_dir or scratch)
        simulator = Simulator(target, folder, mailbox_dir or folder / "mailbox", transport)
        player = Player(simulator)
        player.run(steps)
    return player
