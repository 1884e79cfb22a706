"""The extra facts a parser reads for the /handset page (Handset.extras), labelled in Japanese.

Each carrier says how many characters a line and lines a screen take, and how many colours
the screen shows, in its own way (docomo in the User-Agent and its published table, au in
X-UP-DEVCAP-SCREENCHARS and -SCREENDEPTH, SoftBank in X-S-DISPLAY-INFO and X-JPHONE-COLOR);
here they become the same two lines. Values are numbers read within bounds, never header text
as it came: the headers themselves are shown on the headers page.
"""
from __future__ import annotations

from carriers.fields import bounded_int

#: what the page calls each fact
CHARACTERS = "画面の文字数(横×縦)"
COLORS = "色数"
#: the most characters a line, and lines a screen, believed
MOST_CHARACTERS = 99
#: the deepest screen believed, in bits per pixel (16 777 216 colours)
MOST_BITS = 24
#: the most colours believed when a handset gives the number itself
MOST_COLORS = 1 << MOST_BITS

Fact = tuple[str, str]


def characters(columns: int, lines: int) -> Fact:
    """Return the characters line: half-width characters a line by lines a screen."""
    return CHARACTERS, f"{columns}×{lines}"


def characters_from(text: str | None, separator: str) -> tuple[Fact, ...]:
    """Return the characters line from "23,15"-style text, none unless two sane numbers."""
    if text is None:
        return ()
    parts = text.split(separator)
    if len(parts) != 2:
        return ()
    columns = bounded_int(parts[0].strip(), 1, MOST_CHARACTERS)
    lines = bounded_int(parts[1].strip(), 1, MOST_CHARACTERS)
    return (characters(columns, lines),) if columns and lines else ()


def colors(count: int | None) -> tuple[Fact, ...]:
    """Return the colours line for a number of colours, none when unknown."""
    return ((COLORS, str(count)),) if count else ()


def colors_from_depth(text: str | None) -> tuple[Fact, ...]:
    """Return the colours line from a screen depth in bits ("16,RGB565": 65536 colours)."""
    bits = bounded_int((text or "").split(",", 1)[0].strip(), 1, MOST_BITS)
    return colors(1 << bits if bits else None)
