"""Which part of its carrier's emoji a handset shows, as the set name emoji_maps.encode takes.

    emoji_maps.encode(text, handset.carrier, handset.charset, emoji_set=emoji_set(handset))

None means the carrier's whole table. Where handsets show less:

- docomo's emoji (docomo and WILLCOM handsets): "docomo-web", the 252 i-mode emoji (not the 30
  ticket and service marks the table also holds), or "docomo-basic", the 176 basic ones, where
  the browser lacks the 76 extended ones (i-mode HTML 1.0–3.0): BrowserSupport.extended_emoji
  says so, from the model's markup version in carriers/data/markup_support.json.
- SoftBank: "softbank-c-type", U+E001–U+E257, for C types, whose J-PHONE browser is below 4.0
  (J-PHONE/2.x and 3.x).
"""
from __future__ import annotations

from carriers.handset import Handset
from carriers.markup_support import support_for

#: carrier showing docomo's emoji -> (its set with docomo's extended emoji, without them)
DOCOMO_EMOJI = {"docomo": ("docomo-web", "docomo-basic"),
                "willcom": ("docomo-web", "docomo-basic")}
#: browser name -> (the version from which it shows the whole table, the set of those before)
OLDER_BROWSERS = {"J-PHONE": (4.0, "softbank-c-type")}


def emoji_set(handset: Handset) -> str | None:
    """Return the name of the emoji set the handset shows, None for its carrier's whole table."""
    return _older_browser_set(handset.browser) or _docomo_set(handset)


def _older_browser_set(browser: str | None) -> str | None:
    name, _, version = (browser or "").partition(" ")
    found = OLDER_BROWSERS.get(name)
    if found is None:
        return None
    whole_from, older = found
    try:
        return older if float(version) < whole_from else None
    except ValueError:
        return None


def _docomo_set(handset: Handset) -> str | None:
    sets = DOCOMO_EMOJI.get(handset.carrier)
    if sets is None:
        return None
    web, basic = sets
    if not support_for(handset).extended_emoji:
        return basic
    return web
