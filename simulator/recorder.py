"""Write what the tester does in the simulator as script steps (see simulator.script)."""
from __future__ import annotations

import re

from simulator.document import Control, Form, Link
from simulator.forms import BUTTONS, Pairs
from simulator.script import format_step
from simulator.state import State

#: the access-key label a page puts before a link's text: a keycap emoji or [*]
_KEY_LABEL = re.compile(r"^(?:[0-9#*]\ufe0f?\u20e3|\[[0-9#*]\])\s*")


def link_label(link: Link) -> str:
    """Return a link's text without the access-key label in front of it."""
    return _KEY_LABEL.sub("", link.text) if link.key else link.text


class Recorder:
    """Append steps to the recorded script while recording is on."""

    def __init__(self, state: State) -> None:
        self.state = state

    @property
    def on(self) -> bool:
        """Return True while recording."""
        return self.state.setting("recording") == "1"

    def start(self) -> None:
        """Start recording (the next step names its handset first)."""
        self.state.set_setting("recording", "1")
        self.state.set_setting("recorded_handset", "")

    def stop(self) -> None:
        """Stop recording."""
        self.state.set_setting("recording", "0")

    def clear(self) -> None:
        """Forget the recorded script."""
        self.state.set_script([])
        self.state.set_setting("recorded_handset", "")

    def lines(self) -> list[str]:
        """Return the recorded script."""
        return self.state.script()

    def step(self, handset: str, verb: str, *args: str, **options: str) -> None:
        """Record one step done with a handset."""
        if not self.on:
            return
        if verb != "handset" and self.state.setting("recorded_handset") != handset:
            self.state.append_script(format_step("handset", handset))
        self.state.set_setting("recorded_handset", handset)
        self.state.append_script(format_step(verb, *args, **options))

    def link(self, handset: str, link: Link, links: list[Link], by_key: bool) -> None:
        """Record following a link: by its access key, else by its text, else its URL."""
        label = link_label(link)
        first_with_label = next((other for other in links if label and link_label(other) == label),
                                None)
        if by_key and link.key:
            self.step(handset, "key", link.key)
        elif label and first_with_label is link:
            self.step(handset, "follow", label)
        else:
            self.step(handset, "open", link.url)

    def form(self, handset: str, form: Form, pairs: Pairs) -> None:
        """Record filling the fields the user changed, then pressing the button used."""
        defaults = {c.name: c for c in form.controls if c.name}
        buttons = [c for c in form.controls if c.kind in BUTTONS]
        pressed: Control | None = None
        for name, value in pairs:
            control = defaults.get(name)
            button = next((b for b in buttons if b.name == name and b.value == value), None)
            if button is not None:
                pressed = button
            elif control is None or control.kind == "hidden":
                continue
            elif value != _default(control, name, form):
                self.step(handset, "fill", f"{name}={value}")
        if pressed is not None and len(buttons) > 1:
            self.step(handset, "submit", pressed.value or pressed.name)
        else:
            self.step(handset, "submit")


def _default(control: Control, name: str, form: Form) -> str | None:
    if control.kind == "select":
        chosen = [value for value, _label, selected in control.options if selected]
        return chosen[0] if chosen else (control.options[0][0] if control.options else "")
    if control.kind in ("checkbox", "radio"):
        checked = [c for c in form.controls if c.name == name and c.checked]
        return checked[0].value or "on" if checked else None
    return control.value
