"""Images: a picture the handset cannot show is an empty box; one too wide or too heavy spoils
the page around it.

The rules read every picture the page shows from the site (<img src>, loaded once per crawl),
or the response itself when the crawl reached a picture. The format is read from the bytes:
the file name and the Content-Type are what a site gets wrong.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from simulator.checker.context import ImageInfo
from simulator.checker.findings import Finding
from simulator.checker.page import CheckedPage
from simulator.checker.rules import Rule, rule
from simulator.checker.rules.size import kb

#: Pillow's names for formats the carriers' data names otherwise
_FORMAT_NAMES = {"mpo": "jpeg"}
#: a single picture may take at most this share of what the handset holds (see PictureBytes)
PICTURE_SHARE = 0.5


@dataclass(frozen=True)
class AnimationLimits:
    """A carrier's published limits on animated GIFs (a frame delay of 0 is never allowed)."""

    #: frames in one animation
    frames: int
    #: animations on one page
    per_page: int
    #: loop count written in the GIF (0, "forever", is not counted as over it)
    loops: int


#: carrier -> its animated GIF limits. Source: docomo's authoring rules, nttdocomo.co.jp
#: service/developer/make/content/browser/xhtml/notice/function/ [official]
ANIMATION_LIMITS = {"docomo": AnimationLimits(frames=5, per_page=4, loops=16)}


@dataclass(frozen=True)
class Picture:
    """One picture a page shows (or the picture the response is), and where it is shown."""

    info: ImageInfo
    #: the <img> start tag, or a short description when the response is the picture
    excerpt: str

    @property
    def readable(self) -> bool:
        """Tell whether the picture loaded and its bytes are a picture."""
        return not self.info.error

    @property
    def format(self) -> str:
        """Return the picture's format as the carriers' data names it ("gif", "jpeg", ...)."""
        return _FORMAT_NAMES.get(self.info.format, self.info.format)

    @property
    def animated(self) -> bool:
        """Tell whether the picture is an animated GIF."""
        return self.format == "gif" and self.info.frames > 1


def pictures(page: CheckedPage) -> list[Picture]:
    """Return the page's distinct pictures on the site, or the response as a picture (a
    picture redirected to another site is not checked)."""
    if page.is_image:
        info = page.context.image_response(page.url, page.status, page.content_type, page.body)
        return [Picture(info, describe(info))]
    if not page.is_document:
        return []
    found: dict[str, Picture] = {}
    for link in page.links:
        if link.kind == "img" and link.url not in found and page.same_site(link.url):
            found[link.url] = Picture(page.context.image(link.url), page.excerpt(link.element))
    return [p for p in found.values() if not 300 <= p.info.status < 400]


def describe(info: ImageInfo) -> str:
    """Return a picture's format, size and bytes for a finding's excerpt."""
    if info.error:
        return f"{info.content_type or 'no Content-Type'}, {info.bytes} bytes"
    return f"{info.format.upper()} {info.width}×{info.height}, {info.bytes} bytes"


def picture_limit(page: CheckedPage) -> int | None:
    """Return what the handset holds for a page with its pictures (its page limit where it
    counts pictures apart), None when it has no limit."""
    support = page.support
    if support.counts_images and support.image_limit_bytes is not None:
        return support.image_limit_bytes
    return page.handset.page_limit_bytes


class PictureRule(Rule):
    """A rule that looks at each picture on its own."""

    any_content = True

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Yield a finding for each picture the rule objects to."""
        for picture in pictures(page):
            problem = self.problem(page, picture)
            if problem:
                yield self.found(page, f"{picture.info.url}: {problem}", picture.excerpt)

    def problem(self, page: CheckedPage, picture: Picture) -> str:
        """Return what is wrong with one picture for the handset, "" when nothing is."""
        return ""


@rule
class Broken(PictureRule):
    """The picture does not load, or its bytes are not a picture."""

    id = "images.broken"
    severity = "error"
    title = "Picture that does not load"
    why = ("The handset shows an empty box or a broken-picture mark in its place, after "
           "paying for the request.")
    fix = "Link only pictures that exist, and serve them as GIF, JPEG or PNG bytes."

    def problem(self, page: CheckedPage, picture: Picture) -> str:
        """Object to an HTTP error or to bytes Pillow cannot read as a picture."""
        if picture.info.status >= 400 or picture.info.status == 0:
            return f"does not load ({picture.info.error})"
        if not picture.readable:
            return f"is not a picture ({picture.info.error})"
        return ""


@rule
class Format(PictureRule):
    """The picture is in a format the handset's browser does not show."""

    id = "images.format"
    severity = "error"
    title = "Picture format the handset does not show"
    why = ("Old handsets show one or two formats only: i-mode's first models GIF only, "
           "J-PHONE handsets PNG; any other picture is an empty box.")
    fix = ("Convert pictures per handset (GIF for old i-mode, PNG for old SoftBank, JPEG for "
           "the rest), choosing by the User-Agent, not by the file name.")

    def problem(self, page: CheckedPage, picture: Picture) -> str:
        """Compare the format read from the bytes with the formats the browser shows."""
        shown = page.support.image_formats
        if not picture.readable or picture.format in shown:
            return ""
        listed = ", ".join(sorted(f.upper() for f in shown)) or "no picture"
        return (f"a {picture.format.upper()} picture; {page.profile.name} shows "
                f"{listed} only")


@rule
class Progressive(PictureRule):
    """A progressive JPEG where the handset shows only baseline JPEG."""

    id = "images.progressive"
    severity = "error"
    title = "Progressive JPEG"
    why = "Handset browsers that show JPEG decode baseline JPEG only; a progressive one fails."
    fix = "Save JPEGs as baseline (not progressive, not interlaced) for handsets."

    def problem(self, page: CheckedPage, picture: Picture) -> str:
        """Object to a progressive JPEG where JPEG is shown but progressive JPEG is not."""
        support = page.support
        if (picture.readable and picture.format == "jpeg" and picture.info.progressive
                and "jpeg" in support.image_formats and not support.progressive_jpeg):
            return f"a progressive JPEG; {page.profile.name} shows baseline JPEG only"
        return ""


@rule
class TooWide(PictureRule):
    """The picture is wider than the handset's screen."""

    id = "images.too-wide"
    severity = "warning"
    title = "Picture wider than the screen"
    why = ("A picture wider than the screen is cut off or makes the page scroll sideways, "
           "and its bytes are paid for in vain.")
    fix = "Scale pictures to the handset's screen width on the server."

    def problem(self, page: CheckedPage, picture: Picture) -> str:
        """Compare the picture's own width with the handset's screen width."""
        screen = page.handset.screen
        if picture.readable and screen is not None and picture.info.width > screen[0]:
            return (f"{picture.info.width} px wide, wider than the {screen[0]} px screen of "
                    f"{page.profile.name}")
        return ""


@rule
class PictureBytes(PictureRule):
    """One picture takes more than half of what the handset holds."""

    id = "images.bytes"
    severity = "warning"
    title = "Picture too heavy for the handset"
    why = ("A picture that takes more than half of the handset's limit leaves too little for "
           "the page and its other pictures, and is slow and costly to load.")
    fix = "Reduce the picture's size or colours (JPEG quality, fewer GIF colours) per handset."

    def problem(self, page: CheckedPage, picture: Picture) -> str:
        """Compare the picture's bytes with half of the handset's limit."""
        limit = picture_limit(page)
        size = picture.info.bytes
        if not picture.readable or limit is None or size <= limit * PICTURE_SHARE:
            return ""
        share = "more than" if size > limit else "more than half of"
        return f"{kb(size)} is {share} the {kb(limit)} {page.profile.name} holds"


@rule
class Animation(PictureRule):
    """An animated GIF over the carrier's published limits."""

    id = "images.animation"
    severity = "warning"
    title = "Animated GIF over the carrier's limits"
    why = ("The carrier publishes limits on animated GIFs (frames, loops, delay, animations per "
           "page); the handset stops or skips an animation over them.")
    fix = ("Keep each animation within the limits (docomo: 5 frames, 16 loops, no zero delay) "
           "and at most the allowed number of animations on one page.")

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Yield a finding per animation over the limits, and one when a page has too many."""
        limits = ANIMATION_LIMITS.get(page.handset.carrier)
        if limits is None:
            return
        yield from super().check(page)
        animated = [p for p in pictures(page) if p.readable and p.animated]
        if len(animated) > limits.per_page:
            yield self.found(page, f"{len(animated)} animated GIFs on one page; "
                                   f"{page.profile.name} allows {limits.per_page}",
                             ", ".join(p.info.url for p in animated))

    def problem(self, page: CheckedPage, picture: Picture) -> str:
        """Return each limit one animation goes over."""
        limits = ANIMATION_LIMITS.get(page.handset.carrier)
        if limits is None or not picture.readable or not picture.animated:
            return ""
        info = picture.info
        over = []
        if info.frames > limits.frames:
            over.append(f"{info.frames} frames (at most {limits.frames})")
        if info.loops is not None and info.loops > limits.loops:
            over.append(f"{info.loops} loops (at most {limits.loops})")
        if info.delay_ms == 0:
            over.append("a frame with no delay")
        return "an animated GIF with " + ", ".join(over) if over else ""
