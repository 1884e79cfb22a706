"""docomo browser display areas by model, read once from the tables in carriers/data.

docomo_displays.tsv is docomo's published table (290 models, mostly FOMA), kept unchanged as the
project's handset facts gave it (a test pins its digest); docomo_displays_extra.tsv adds mova
models it lacks. When a model is in
neither, the screen is estimated from the W..H.. character counts of the User-Agent (see
estimate_screen): docomo's W is half-width characters per line and H is lines, and QVGA-era
i-mode browsers draw about 10 px per half-width column and 20 px per line. The width is capped
at 240 px because the i-mode browser is QVGA-based even on VGA handsets. Checked against the
table on the corpus's models, the estimate is exact for about a quarter and smaller than the
table for nearly all the rest (the safe side for sizing images); it is too big only for
small-font or small-screen models such as N904i (W30H20) and NM850iG.

Browser-2.0 models (c500, names ending in 3, and the B/C/D series) appear in docomo's table
with their VGA browser area (480 px wide); the table is reported as published.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
TABLES = ("docomo_displays.tsv", "docomo_displays_extra.tsv")

#: pixels per half-width column and per line assumed by the W..H.. fallback
PIXELS_PER_COLUMN = 10
PIXELS_PER_LINE = 20
#: widest browser area the fallback reports (the i-mode browser is QVGA-based)
MAX_ESTIMATED_WIDTH = 240


@dataclass(frozen=True, slots=True)
class Display:
    """One docomo model's browser area and colours as docomo published them."""

    #: browser area (width, height) in pixels
    screen: tuple[int, int]
    #: whether the display shows colour
    color: bool
    #: number of colours, e.g. 262144
    colors: int


@functools.cache
def docomo_displays() -> dict[str, Display]:
    """Return the docomo display table, keyed by upper-case model name (loaded once)."""
    table: dict[str, Display] = {}
    for name in TABLES:
        for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if line.startswith("#") or len(fields) != 5 or not fields[1].isdigit():
                continue  # comments and the header row
            model, width, height, color, colors = fields
            table.setdefault(model.upper(), Display(
                screen=(int(width), int(height)), color=color == "1", colors=int(colors)))
    return table


def docomo_display(model: str | None) -> Display | None:
    """Return what docomo published about model's display (any case), or None."""
    return docomo_displays().get(model.upper()) if model else None


def estimate_screen(columns: int, lines: int) -> tuple[int, int]:
    """Return a conservative browser area in pixels for a W..H.. character count."""
    return (min(columns * PIXELS_PER_COLUMN, MAX_ESTIMATED_WIDTH), lines * PIXELS_PER_LINE)
