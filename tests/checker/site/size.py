"""Fixture pages for the size rules: pages over the smallest handsets' limits, a page whose
pictures push it over docomo's image-inclusive cache, and a page above the comfortable size.

Which handsets each page breaks is worked out from the handsets' limits, so it stays right
when the carriers' data changes; a page's pictures are in a format each handset shows.
"""
from __future__ import annotations

from collections.abc import Callable

import carriers
from carriers.markup_support import support_for
from simulator.profiles import Profile
from tests.checker.site import FixturePage, chtml, handsets
from tests.checker.site.images import drop_empty, family, heavy, shown

#: one line of filler text (Shift_JIS: 2 bytes a character)
LINE = "あいうえおかきくけこさしすせそ<br>"
#: pictures shown together on the image-inclusive page, and the bytes of each
PARTS, PART_BYTES = 4, 1000
#: how far above the comfortable size the comfortable page goes
OVER_COMFORT = 512

Body = Callable[[carriers.Handset], bytes]


def page_of(size: int, title: str = "long", pictures: list[str] | None = None) -> bytes:
    """Return a clean cHTML page of at least size bytes (filler lines, then any pictures)."""
    tags = "".join(f'<img src="{src}" alt="part"><br>' for src in pictures or [])
    missing = max(0, size - len(chtml(tags, title=title)))
    line_bytes = len(LINE.encode("cp932"))
    return chtml(LINE * -(-missing // line_bytes) + tags, title=title)


def expect(body: Body, picture_bytes: Callable[[Profile], int] = lambda p: 0) -> dict[
        str, frozenset[str]]:
    """Return what the size rules must find on a page, per handset, from its limits."""
    def size(p: Profile) -> int:
        return len(body(p.handset))

    def over_limit(p: Profile) -> bool:
        limit = p.handset.page_limit_bytes
        return limit is not None and size(p) > limit

    def over_with_pictures(p: Profile) -> bool:
        support = support_for(p.handset)
        return (support.counts_images and support.image_limit_bytes is not None
                and picture_bytes(p) > 0
                and size(p) + picture_bytes(p) > support.image_limit_bytes)

    def uncomfortable(p: Profile) -> bool:
        comfortable = support_for(p.handset).comfortable_bytes
        return comfortable is not None and size(p) > comfortable and not over_limit(p)

    return drop_empty({"size.limit": handsets(over_limit),
                       "size.with-images": handsets(over_with_pictures),
                       "size.comfortable": handsets(uncomfortable)})


def fixed(size: int) -> Body:
    """Return a body of one page of at least size bytes, the same for every handset."""
    page = page_of(size)
    return lambda handset: page


PARTS_PICTURES = family("part", lambda path, fmt: heavy(path, fmt, PART_BYTES, seed=11))


def with_parts(handset: carriers.Handset) -> bytes:
    """Return a 2 KB page with PARTS pictures in a format the handset shows."""
    part = shown(handset, PARTS_PICTURES)
    return page_of(2000, "pictures", [f"{part.path}?{n}" for n in range(PARTS)])


def comfortable_page(handset: carriers.Handset) -> bytes:
    """Return a page a little above the handset's comfortable size where that fits its limit,
    else a short page."""
    comfortable = support_for(handset).comfortable_bytes
    limit = handset.page_limit_bytes
    if comfortable is None or (limit is not None and comfortable + OVER_COMFORT > limit):
        return page_of(0)
    return page_of(comfortable + OVER_COMFORT)


_SIXK, _THIRTEENK, _THIRTYONEK = fixed(6100), fixed(12600), fixed(31000)

PAGES = [
    *(picture.page() for picture in PARTS_PICTURES.values()),
    FixturePage("/size/6k", _SIXK, expect=expect(_SIXK),
                note="over 5 KB (docomo 501i) and 6000 B (J-PHONE C types)"),
    FixturePage("/size/13k", _THIRTEENK, expect=expect(_THIRTEENK),
                note="over 12 KB (J-PHONE P4 types) too"),
    FixturePage("/size/31k", _THIRTYONEK, expect=expect(_THIRTYONEK),
                note="over 20 KB (docomo 505i) and 30 KB (FOMA text, J-PHONE 4.3) too"),
    FixturePage("/size/with-images", with_parts,
                expect=expect(with_parts, lambda p: PARTS * shown(
                    p.handset, PARTS_PICTURES).size),
                note=f"2 KB of text with {PARTS} pictures of {PART_BYTES} B: over 5 KB "
                     "where the cache holds the pictures too"),
    FixturePage("/size/comfortable", comfortable_page, expect=expect(comfortable_page),
                note="a little above the comfortable size, where the handset has one"),
]
