"""Which input mode a text field opens in on a handset, as the badge the screen shows.

Which attributes each handset reads, in which order, and what their values mean are carrier
facts: carriers.inputmodes.read_input_mode() holds them (beside the writer the site uses); this
module only names the modes the way a handset's input indicator does.
"""
from __future__ import annotations

from collections.abc import Mapping

import carriers
from carriers.inputmodes import read_input_mode

#: the badge of each mode carriers.inputmodes can read (carriers.inputmodes.READ_MODES)
BADGES: dict[str, str] = {"hiragana": "かな", "katakana": "カナ", "hankakukana": "半角カナ",
                          "alphabet": "英字", "numeric": "数字", "alphanumeric": "英数"}

Attrs = Mapping[str, str | None]


def input_mode(attrs: Attrs, handset: carriers.Handset) -> tuple[str, str] | None:
    """Return (badge, the attribute that set it) for a text field, or None for no mode."""
    found = read_input_mode(handset, attrs)
    return (BADGES[found[0]], found[1]) if found else None
