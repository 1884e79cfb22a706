"""How many thumbnails a page shows on a handset, so that the page and its images together
stay within what the handset holds.

The budget is the handset's cache of page and pictures where its browser counts images in
it (i-mode: carriers.markup_support image_limit_bytes), else its page limit; a PC or a
smartphone has none. A page's text takes at most PAGE_ROOM bytes plus THUMB_MARKUP for each
thumbnail (its link and signed address); each image about what
keitai.features.profile.images.estimated_bytes says of its variant. Where fewer than
MIN_INLINE thumbnails would fit, or the handset's pages are small
(keitai.features.social.small_page), pictures are listed as links instead.
"""
from __future__ import annotations

from flask import g

from carriers import Handset
from carriers.markup_support import support_for
from keitai.features.albums import variants
from keitai.features.profile import images
from keitai.features.social import per_page, small_page

#: bytes of an album page's text besides its thumbnails (heading, menu, quota line, pager)
PAGE_ROOM = 3072
#: bytes of markup one thumbnail adds (a link, an <img> with a signed address, a caption)
THUMB_MARKUP = 320
#: thumbnails on an album page at most (four rows of three on a PC)
MAX_THUMBS = 12
#: fewer thumbnails than this on a page: the handset gets a list of links instead
MIN_INLINE = 2


def total_budget() -> int | None:
    """Return the bytes a page and its images may take together on this handset."""
    handset: Handset = g.handset
    support = support_for(handset)
    if support.counts_images and support.image_limit_bytes is not None:
        return support.image_limit_bytes
    return handset.page_limit_bytes


def thumb_bytes() -> int:
    """Return about how many bytes one thumbnail takes on this handset, markup included."""
    fmt, gray, width = images.parse_variant(variants.thumb_variant(g.handset)) or ("jpeg",
                                                                                   False, 120)
    return int(images.estimated_bytes(fmt + ("g" if gray else ""), width)) + THUMB_MARKUP


def thumbs_per_page() -> int:
    """Return how many thumbnails an album page shows inline on this handset; 0 when it
    lists its pictures as links instead."""
    if small_page():
        return 0
    total = total_budget()
    fits = MAX_THUMBS if total is None else (total - PAGE_ROOM) // thumb_bytes()
    fits = min(fits, MAX_THUMBS)
    return fits if fits >= MIN_INLINE else 0


def list_per_page() -> int:
    """Return how many pictures an album page lists on this handset: thumbnails when they
    fit, else links."""
    return thumbs_per_page() or per_page()


def thumbs_inline(count: int) -> bool:
    """Return True when count thumbnails fit a page that carries other text (a diary): the
    images take at most half the handset's budget (keitai.features.profile.images)."""
    if small_page():
        return False
    budget = images.picture_budget(g.handset)
    return budget is None or count * thumb_bytes() <= budget
