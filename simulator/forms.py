"""Send a form as the handset would: which fields go, and in which charset's bytes."""
from __future__ import annotations

from collections.abc import Collection
from urllib.parse import quote_plus, urlsplit, urlunsplit

import emoji_maps
from simulator.document import Control, Form
from simulator.state import MASK

Pairs = list[tuple[str, str]]
#: controls whose value goes with the form without the user touching them
_SENT_AS_IS = frozenset({"text", "password", "hidden", "email", "tel", "number", "search",
                         "url", "textarea", ""})
BUTTONS = frozenset({"submit", "image"})


class FormError(ValueError):
    """A form cannot be filled or sent as asked."""


def encode_value(text: str, carrier: str, charset: str) -> bytes:
    """Return text as the handset's bytes in the page's charset, emoji included."""
    try:
        return emoji_maps.encode(text, carrier, charset)
    except ValueError:  # a charset emoji_maps does not write (EUC-JP, ...)
        return text.encode(charset, "replace")


def encode_pairs(pairs: Pairs, carrier: str, charset: str) -> str:
    """Return application/x-www-form-urlencoded data in the handset's charset."""
    return "&".join(f"{quote_plus(encode_value(name, carrier, charset))}="
                    f"{quote_plus(encode_value(value, carrier, charset))}"
                    for name, value in pairs)


def form_target(form_action: str, method: str, data: str) -> tuple[str, bytes | None]:
    """Return the URL and body a form sends: GET puts the data in place of the action's query."""
    if method.upper() == "GET":
        parts = urlsplit(form_action)
        return urlunsplit(parts._replace(query=data, fragment="")), None
    return form_action, data.encode("ascii")


def fill(form: Form, name: str, value: str) -> None:
    """Set a control's value as a user would: type text, tick a box, pick an option."""
    controls = [c for c in form.controls if c.name == name and c.kind not in BUTTONS]
    if not controls:
        raise FormError(f"the form has no field named {name!r}")
    kind = controls[0].kind
    if kind == "radio":
        if not any(c.value == value for c in controls):
            raise FormError(f"no choice {value!r} for {name!r}")
        for control in controls:
            control.checked = control.value == value
    elif kind == "checkbox":
        for control in controls:
            control.checked = value == control.value or (value in ("on", "1", "yes")
                                                         and len(controls) == 1)
    elif kind == "select":
        _choose(controls[0], value)
    else:
        controls[0].value = value


def _choose(select: Control, value: str) -> None:
    found = [i for i, (val, label, _) in enumerate(select.options) if value in (val, label)]
    if not found:
        raise FormError(f"no option {value!r} in {select.name!r}")
    select.options = [(val, label, i == found[0]) for i, (val, label, _) in
                      enumerate(select.options)]


def submission(form: Form, button: Control | None = None) -> Pairs:
    """Return the name/value pairs the form sends, in document order."""
    pairs: Pairs = []
    for control in form.controls:
        if not control.name:
            continue
        if control.kind in _SENT_AS_IS:
            pairs.append((control.name, control.value))
        elif control.kind in ("checkbox", "radio") and control.checked:
            pairs.append((control.name, control.value or "on"))
        elif control.kind == "select" and control.options:
            chosen = [val for val, _label, selected in control.options if selected]
            pairs.append((control.name, chosen[0] if chosen else control.options[0][0]))
        elif control is button:
            pairs.append((control.name, control.value))
    return pairs


def secret_fields(form: Form) -> frozenset[str]:
    """Return the names of a form's password fields (their values are never shown again)."""
    return frozenset(c.name for c in form.controls if c.kind == "password" and c.name)


def masked(pairs: Pairs, secret: Collection[str]) -> Pairs:
    """Return the pairs with the values of the secret fields masked."""
    return [(name, MASK if name in secret else value) for name, value in pairs]


def button_for(form: Form, label: str | None) -> Control | None:
    """Return the submit button with that label (value), the first one when label is None."""
    buttons = [c for c in form.controls if c.kind in BUTTONS]
    if label is None:
        return buttons[0] if buttons else None
    for control in buttons:
        if label in (control.value, control.name):
            return control
    raise FormError(f"the form has no button {label!r}")
