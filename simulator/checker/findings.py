"""What the checker reports: one record per page fetched, one per defect found."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: severities, worst first
SEVERITIES = ("error", "warning", "info")
#: longest excerpt kept with a finding
EXCERPT_CHARS = 160


def severity_rank(severity: str) -> int:
    """Return 0 for error, 1 for warning, 2 for info (lower is worse)."""
    return SEVERITIES.index(severity)


def at_least(severity: str, level: str) -> bool:
    """Tell whether a severity is as bad as level or worse."""
    return severity_rank(severity) <= severity_rank(level)


def shorten(text: str, limit: int = EXCERPT_CHARS) -> str:
    """Return text on one line, cut to limit characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


@dataclass(frozen=True)
class Finding:
    """One defect on one page for one handset."""

    url: str
    handset: str
    rule: str
    severity: str
    message: str
    excerpt: str = ""

    def to_json(self) -> dict[str, str]:
        """Return the finding as the JSON report writes it."""
        return asdict(self)


@dataclass(frozen=True)
class PageRecord:
    """One page as one handset received it."""

    url: str
    handset: str
    status: int
    bytes: int
    #: the handset's page limit in bytes, None when it has none
    limit: int | None
    content_type: str
    #: bytes of the images the handset loads with the page (counted where the limit includes
    #: them)
    image_bytes: int = 0

    def to_json(self) -> dict[str, Any]:
        """Return the record as the JSON report writes it."""
        return asdict(self)


@dataclass
class HandsetRun:
    """What the crawl did as one handset."""

    handset: str
    label: str
    carrier: str
    generation: str
    pages: list[PageRecord] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    #: why the crawl stopped early (login refused, start page unreachable), else ""
    problem: str = ""
    #: pages found but not fetched because of --max-pages
    left: int = 0
