"""Fixture pages for the images rules, and the pictures they show (drawn with Pillow at import).

Each page picks, per handset, a picture in a format that handset shows (as a real site does),
so only the defect the page is about remains. The pictures are pages of the site too: the
checker reads them as the response itself, and what it must find there is worked out from
what each picture is.
"""
from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

import carriers
from carriers.markup_support import support_for
from simulator.profiles import Profile
from tests.checker.site import ALL, FixturePage, carrier, chtml, handsets

#: formats a page falls back through, first shown first
FORMATS = ("gif", "png", "jpeg")
_SUFFIX = {"gif": "gif", "png": "png", "jpeg": "jpg"}
_CONTENT_TYPE = {"gif": "image/gif", "png": "image/png", "jpeg": "image/jpeg"}
#: width of the wide picture: wider than the small handsets' screens, within the rest
WIDE = 200
#: bytes of a heavy picture: over half of the smallest limits (5 KB, 6000 B), within the rest
HEAVY = 3500
#: docomo's published animated GIF limits (see the images.animation rule)
MAX_FRAMES, MAX_LOOPS, MAX_PER_PAGE = 5, 16, 4


@dataclass(frozen=True)
class Picture:
    """A picture the fixture site serves, and what it is."""

    path: str
    data: bytes
    #: the format of the bytes (whatever the path and the Content-Type say)
    format: str
    width: int
    content_type: str
    progressive: bool = False
    frames: int = 1
    #: the GIF loop count written, None for none
    loops: int | None = None
    zero_delay: bool = False
    #: rule id -> handsets, for pictures that are broken on purpose
    extra: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        """Return the picture's bytes."""
        return len(self.data)

    def page(self) -> FixturePage:
        """Return the picture as a page of the site, with what checking it must find."""
        return FixturePage(self.path, self.data, self.content_type,
                           expect=alone(self), note=f"a {self.format} picture")


def encode(picture: Image.Image, fmt: str, **options: Any) -> bytes:
    """Return a Pillow picture's bytes in a format."""
    out = io.BytesIO()
    picture.save(out, fmt.upper(), **options)
    return out.getvalue()


def still(path: str, fmt: str, width: int = 16, height: int = 16, **options: Any) -> Picture:
    """Return a one-colour picture."""
    data = encode(Image.new("RGB", (width, height), (200, 40, 40)), fmt, **options)
    return Picture(path, data, fmt, width, _CONTENT_TYPE[fmt],
                   progressive=bool(options.get("progressive")))


def heavy(path: str, fmt: str, at_least: int, seed: int) -> Picture:
    """Return a noisy picture 60 px wide, grown row by row until it has at_least bytes."""
    rows = 8
    while True:
        noise = random.Random(seed).randbytes(60 * rows)
        data = encode(Image.frombytes("L", (60, rows), noise), fmt)
        if len(data) >= at_least:
            return Picture(path, data, fmt, 60, _CONTENT_TYPE[fmt])
        rows += 2


def animation(path: str, frames: int = 3, loops: int | None = 3,
              delays: tuple[int, ...] = (200,)) -> Picture:
    """Return an animated GIF of frames in turn red to blue."""
    pictures = [Image.new("RGB", (16, 16), (255 - 40 * n, 0, 40 * n)) for n in range(frames)]
    options: dict[str, Any] = {"save_all": True, "append_images": pictures[1:],
                               "duration": list((delays * frames)[:frames])}
    if loops is not None:
        options["loop"] = loops
    return Picture(path, encode(pictures[0], "gif", **options), "gif", 16, "image/gif",
                   frames=frames, loops=loops, zero_delay=0 in delays)


def family(name: str, make: Callable[[str, str], Picture]) -> dict[str, Picture]:
    """Return one picture in each format, at /img/NAME.gif, .png and .jpg."""
    return {fmt: make(f"/img/{name}.{_SUFFIX[fmt]}", fmt) for fmt in FORMATS}


# -- what a handset shows, as the carriers' data says ----------------------------------------

def shows(handset: carriers.Handset, fmt: str) -> bool:
    """Tell whether a handset's browser shows a format."""
    return fmt in support_for(handset).image_formats


def shown(handset: carriers.Handset, pictures: dict[str, Picture]) -> Picture:
    """Return the picture of a family in the first format the handset shows."""
    return next((pictures[f] for f in FORMATS if shows(handset, f)), pictures[FORMATS[0]])


def limit(profile: Profile) -> int | None:
    """Return what the handset holds for a page with its pictures: its image-inclusive limit
    where it counts pictures, else its page limit."""
    support = support_for(profile.handset)
    if support.counts_images and support.image_limit_bytes is not None:
        return support.image_limit_bytes
    return profile.handset.page_limit_bytes


def heavy_for(profile: Profile, picture: Picture) -> bool:
    """Tell whether a picture takes more than half of what the handset holds."""
    held = limit(profile)
    return held is not None and picture.size > held / 2


def wider_than_screen(profile: Profile, width: int) -> bool:
    """Tell whether a width is over the handset's screen width (known screens only)."""
    screen = profile.handset.screen
    return screen is not None and width > screen[0]


def over_animation_limits(picture: Picture) -> bool:
    """Tell whether an animated GIF goes over docomo's frames, loops or delay limits."""
    return picture.frames > 1 and (
        picture.frames > MAX_FRAMES or (picture.loops or 0) > MAX_LOOPS or picture.zero_delay)


def alone(picture: Picture) -> dict[str, frozenset[str]]:
    """Return what checking the picture itself must find, per rule."""
    return drop_empty({
        "images.format": handsets(
            lambda p: bool(picture.format) and not shows(p.handset, picture.format)),
        "images.progressive": handsets(
            lambda p: picture.progressive and shows(p.handset, "jpeg")
            and not support_for(p.handset).progressive_jpeg),
        "images.too-wide": handsets(lambda p: wider_than_screen(p, picture.width)),
        "images.bytes": handsets(lambda p: heavy_for(p, picture)),
        "images.animation": (carrier("docomo") if over_animation_limits(picture)
                             else frozenset()),
        **picture.extra,
    })


def drop_empty(expect: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """Return expectations without the rules no handset breaks (with today's data)."""
    return {rule: names for rule, names in expect.items() if names}


def img_page(pick: Callable[[carriers.Handset], list[str]], title: str = "pictures") -> Callable[
        [carriers.Handset], bytes]:
    """Return a page body that shows the pictures pick chooses for each handset."""
    def body(handset: carriers.Handset) -> bytes:
        tags = "".join(f'<img src="{src}" alt="pic"><br>' for src in pick(handset))
        return chtml(tags, title=title)
    return body


# -- the pictures ------------------------------------------------------------------------------

DOT = family("dot", still)
WIDE_PICTURES = family("wide", lambda path, fmt: still(path, fmt, width=WIDE, height=20))
HEAVY_PICTURES = family("heavy", lambda path, fmt: heavy(path, fmt, HEAVY, seed=7))
PROGRESSIVE = still("/img/progressive.jpg", "jpeg", progressive=True)
#: PNG bytes under a GIF name, sent as image/gif
DISGUISED = Picture("/img/disguised.gif", DOT["png"].data, "png", 16, "image/gif")
NOT_A_PICTURE = Picture("/img/not-a-picture.gif", b"GIF? no, text.", "", 0, "image/gif",
                        extra={"images.broken": ALL})
ANIMATED = animation("/img/animated.gif")
TOO_MANY_FRAMES = animation("/img/frames.gif", frames=MAX_FRAMES + 1)
TOO_MANY_LOOPS = animation("/img/loops.gif", loops=MAX_LOOPS + 4)
NO_DELAY = animation("/img/no-delay.gif", delays=(200, 0))

PICTURES = [*DOT.values(), *WIDE_PICTURES.values(), *HEAVY_PICTURES.values(), PROGRESSIVE,
            DISGUISED, NOT_A_PICTURE, ANIMATED, TOO_MANY_FRAMES, TOO_MANY_LOOPS, NO_DELAY]


def dot_or(picture: Picture) -> Callable[[carriers.Handset], list[str]]:
    """Return a pick of one picture where the handset shows its format, else a shown dot."""
    def pick(handset: carriers.Handset) -> list[str]:
        return [picture.path if shows(handset, picture.format) else shown(handset, DOT).path]
    return pick


def animations(picture: Picture, times: int = 1) -> Callable[[carriers.Handset], list[str]]:
    """Return a pick of an animation (times over, at distinct URLs) where GIF is shown."""
    def pick(handset: carriers.Handset) -> list[str]:
        if not shows(handset, "gif"):
            return [shown(handset, DOT).path]
        return [picture.path if times == 1 else f"{picture.path}?{n}" for n in range(times)]
    return pick


def gif_docomo(profile: Profile) -> bool:
    """Tell whether a handset is docomo's and shows GIF (so it gets the animations)."""
    return profile.name in carrier("docomo") and shows(profile.handset, "gif")


PAGES = [
    *(picture.page() for picture in PICTURES),
    FixturePage("/images/fine", img_page(lambda h: [shown(h, DOT).path, shown(h, DOT).path,
                                                    *animations(ANIMATED)(h)]),
                note="a picture in a format each handset shows (twice) and a tame animation"),
    FixturePage("/images/png", img_page(lambda h: [DOT["png"].path]),
                expect=drop_empty({"images.format": handsets(
                    lambda p: not shows(p.handset, "png"))}),
                note="a PNG for every handset"),
    FixturePage("/images/gif", img_page(lambda h: [DOT["gif"].path]),
                expect=drop_empty({"images.format": handsets(
                    lambda p: not shows(p.handset, "gif"))}),
                note="a GIF for every handset"),
    FixturePage("/images/disguised", img_page(lambda h: [DISGUISED.path]),
                expect=drop_empty({"images.format": handsets(
                    lambda p: not shows(p.handset, "png"))}),
                note="PNG bytes named .gif and sent as image/gif: read by content"),
    FixturePage("/images/progressive", img_page(dot_or(PROGRESSIVE)),
                expect=drop_empty({"images.progressive": handsets(
                    lambda p: shows(p.handset, "jpeg")
                    and not support_for(p.handset).progressive_jpeg)}),
                note="a progressive JPEG where JPEG is shown"),
    FixturePage("/images/wide", img_page(lambda h: [shown(h, WIDE_PICTURES).path]),
                expect={"images.too-wide": handsets(lambda p: wider_than_screen(p, WIDE))},
                note=f"a picture {WIDE} px wide"),
    FixturePage("/images/heavy", img_page(lambda h: [shown(h, HEAVY_PICTURES).path]),
                expect={"images.bytes": handsets(
                    lambda p: heavy_for(p, shown(p.handset, HEAVY_PICTURES)))},
                note=f"a picture of about {HEAVY} bytes"),
    FixturePage("/images/missing", img_page(lambda h: ["/img/missing.gif"]),
                expect={"images.broken": ALL},
                note="a picture that is not there (404)"),
    FixturePage("/images/not-a-picture", img_page(lambda h: [NOT_A_PICTURE.path]),
                expect={"images.broken": ALL},
                note="text sent as image/gif"),
    FixturePage("/images/frames", img_page(animations(TOO_MANY_FRAMES)),
                expect={"images.animation": handsets(gif_docomo)},
                note=f"an animation of {MAX_FRAMES + 1} frames"),
    FixturePage("/images/loops", img_page(animations(TOO_MANY_LOOPS)),
                expect={"images.animation": handsets(gif_docomo)},
                note=f"an animation that loops {MAX_LOOPS + 4} times"),
    FixturePage("/images/no-delay", img_page(animations(NO_DELAY)),
                expect={"images.animation": handsets(gif_docomo)},
                note="an animation with a frame of no delay"),
    FixturePage("/images/animations", img_page(animations(ANIMATED, MAX_PER_PAGE + 1)),
                expect={"images.animation": handsets(gif_docomo)},
                note=f"{MAX_PER_PAGE + 1} tame animations on one page"),
]
