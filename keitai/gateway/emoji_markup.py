"""Emoji in pages: the template helper, and au's <img localsrc> for handsets that need it."""
from __future__ import annotations

import re

import emoji_maps

#: an emoji as canonical text: keycaps, flags, symbols and pictographs, Google private use
_EMOJI = re.compile(
    "[0-9#*]\ufe0f?\u20e3|[\U0001f1e6-\U0001f1ff]{2}"
    "|[\u2100-\u2bff\u3030\u303d\u3297\u3299\U0001f000-\U0001faff\U000fe000-\U000fefff]\ufe0f?"
)
_TEXT_OR_TAG = re.compile(r"(<textarea\b.*?</textarea>|<[^>]*>)", re.DOTALL | re.IGNORECASE)


def emoji(name: str) -> str:
    """Return the canonical emoji for an emoji4unicode or Japanese name, for templates."""
    found = emoji_maps.lookup(name)
    if found is None:
        raise ValueError(f"no emoji is named {name!r}")
    return found


def _image(match: re.Match[str]) -> str:
    number = emoji_maps.au_localsrc(match.group(0))
    return match.group(0) if number is None else f'<img localsrc="{number}" />'


def localsrc_images(page: str) -> str:
    """Write each emoji in the page's body text as an au <img localsrc> icon."""
    start = page.find("<body")
    if start < 0:
        return page
    parts = _TEXT_OR_TAG.split(page[start:])
    for index in range(0, len(parts), 2):  # even items are text between tags
        parts[index] = _EMOJI.sub(_image, parts[index])
    return page[:start] + "".join(parts)
