"""Which variants of a picture a handset is served, and which the worker makes in advance.

A handset gets two sizes of a picture, in its format (keitai.features.profile.images):
- the large one on the photo page: images.variant_for, the widest of images.WIDTHS that
  fits its screen and half of what it holds (at most 240 pixels);
- the thumbnail on album and diary pages: the same format, THUMB_WIDTH pixels wide or the
  large width when that is smaller.

The worker makes both for every kind of handset the site knows (STANDARD), as soon as a
picture is stored; until then a page shows 準備中 in its place. A handset whose variant is
outside that set (a screen no known profile has) gets it made on its first request.
"""
from __future__ import annotations

from functools import cache

from carriers import Handset
from keitai.features.profile import images

#: a thumbnail's width, as OpenPNE's mobile pages had (120x120)
THUMB_WIDTH = 120
#: what the worker makes when no handset profiles can be read (a site without the
#: simulator): JPEG for today's handsets, PNG and GIF for old ones
_FALLBACK = ("jpeg-240", "jpeg-120", "jpeg-176", "jpeg-144", "png-240", "png-120", "png-96",
             "gif-96", "gifg-96")


def large_variant(handset: Handset) -> str:
    """Return the variant of the photo page on this handset."""
    return images.variant_for(handset)


def thumb_variant(handset: Handset) -> str:
    """Return the variant of a thumbnail on this handset."""
    return thumb_of(large_variant(handset))


def thumb_of(large: str) -> str:
    """Return the thumbnail variant that goes with a large one."""
    parsed = images.parse_variant(large)
    assert parsed is not None, large
    fmt, gray, width = parsed
    fits = [w for w in images.WIDTHS if w <= min(THUMB_WIDTH, width)]
    return f"{fmt}{'g' if gray else ''}-{max(fits or [images.WIDTHS[0]])}"


@cache
def standard() -> frozenset[str]:
    """Return the variants the worker makes for every picture: the large and the thumbnail
    of every handset profile the site knows (the simulator's, when it is installed)."""
    try:
        from simulator.profiles import builtin_profiles  # noqa: PLC0415
    except ImportError:  # a production install without the simulator
        return frozenset(_FALLBACK)
    large = {large_variant(profile.handset) for profile in builtin_profiles()}
    large |= {large_variant(Handset())}  # a PC
    return frozenset(large | {thumb_of(name) for name in large})


def ready(variant: str, made: bool) -> bool:
    """Return True when a page may show the variant: made already, or made on request."""
    return made or variant not in standard()
