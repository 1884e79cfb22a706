"""Size: a page the handset cannot hold is cut off or refused; a big one is slow and costly."""
from __future__ import annotations

from collections.abc import Iterator

from simulator.checker.findings import Finding
from simulator.checker.page import CheckedPage
from simulator.checker.rules import Rule, rule


def kb(size: int) -> str:
    """Return a byte count as the report shows it (KB with one decimal)."""
    return f"{size / 1024:.1f} KB"


@rule
class OverLimit(Rule):
    """The page alone is bigger than the handset's page limit."""

    id = "size.limit"
    severity = "error"
    title = "Page over the handset's limit"
    why = ("A handset stops reading at its page limit: the rest of the page, its links and "
           "its forms never arrive, or the browser refuses the whole page.")
    fix = ("Split long pages into parts, each within the smallest limit you serve (docomo "
           "cNN KB in the User-Agent, au X-UP-DEVCAP-MAX-PDU, SoftBank by handset type).")

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Compare the body's bytes with the handset's limit."""
        limit = page.handset.page_limit_bytes
        if limit is not None and len(page.body) > limit:
            yield self.found(page, f"{kb(len(page.body))} is over the {kb(limit)} limit of "
                                   f"{page.profile.name}", page.text_excerpt(page.title or ""))


@rule
class OverLimitWithImages(Rule):
    """The page and its images together are bigger than a limit that counts both."""

    id = "size.with-images"
    severity = "error"
    title = "Page and images over the handset's limit"
    why = ("On i-mode the browser cache holds the page together with its images: when they do "
           "not fit, pictures are dropped or the page is not shown.")
    fix = "Use fewer or smaller pictures on long pages, or split the page."

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Add the page's images to its bytes where the handset counts them."""
        limit = page.support.image_limit_bytes
        if limit is None or not page.support.counts_images:
            return
        images = page.image_sizes
        total = len(page.body) + sum(images.values())
        if images and total > limit:
            yield self.found(page, f"{kb(total)} with {len(images)} picture(s) is over the "
                                   f"{kb(limit)} the handset holds",
                             ", ".join(sorted(images)))


@rule
class Uncomfortable(Rule):
    """The page fits, but is bigger than a comfortable read on that handset."""

    id = "size.comfortable"
    severity = "warning"
    title = "Page bigger than a comfortable read"
    why = ("Handset users paid per packet and waited for every one: a page far above a "
           "screenful or two is slow to load and costly, even when it fits.")
    fix = "Split long lists and texts into shorter parts with next/previous links."

    def check(self, page: CheckedPage) -> Iterator[Finding]:
        """Compare the body's bytes with the handset's comfortable size."""
        comfortable = page.support.comfortable_bytes
        limit = page.handset.page_limit_bytes
        size = len(page.body)
        if comfortable is not None and size > comfortable and (limit is None or size <= limit):
            yield self.found(page, f"{kb(size)} is above the {kb(comfortable)} that reads "
                                   f"comfortably on {page.profile.name}")
