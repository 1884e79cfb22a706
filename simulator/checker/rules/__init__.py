"""The checker's rules: one small class per defect, each with its id, severity, explanation
and fix, registered by @rule. A rule reads a CheckedPage and yields findings.

Areas (one module each): size, charset, markup, images, emoji, navigation, privacy.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from simulator.checker.context import HandsetContext
from simulator.checker.findings import Finding, shorten
from simulator.checker.page import CheckedPage

#: rule id -> the rule, in registration order
REGISTRY: dict[str, Rule] = {}


class Rule:
    """One thing a page can get wrong for a handset."""

    #: "area.name", e.g. "size.limit"; stable, used in JSON and in --fail-on reports
    id: ClassVar[str]
    #: "error", "warning" or "info"
    severity: ClassVar[str]
    #: a short title for the report
    title: ClassVar[str]
    #: why it matters to the handset's user (one or two sentences)
    why: ClassVar[str]
    #: how to fix it
    fix: ClassVar[str]
    #: False for rules that read only markup documents; True to see images and files too
    any_content: ClassVar[bool] = False

    @property
    def area(self) -> str:
        """Return the rule's area (the part of its id before the dot)."""
        return self.id.split(".", 1)[0]

    def check(self, page: CheckedPage) -> Iterable[Finding]:
        """Yield the rule's findings on one page."""
        return ()

    def finish(self, context: HandsetContext) -> Iterable[Finding]:
        """Yield findings that need the whole crawl (called once per handset, at the end)."""
        return ()

    def found(self, page: CheckedPage | str, message: str, excerpt: str = "",
              handset: str | None = None) -> Finding:
        """Return a finding of this rule on a page (or on a URL, from finish())."""
        if isinstance(page, CheckedPage):
            url, name = page.url, page.profile.name
        else:
            url, name = page, handset or ""
        return Finding(url, name, self.id, self.severity, message, shorten(excerpt))


def rule(cls: type[Rule]) -> type[Rule]:
    """Register a rule class (class decorator)."""
    if cls.id in REGISTRY:
        raise ValueError(f"two rules with the id {cls.id!r}")
    if cls.severity not in ("error", "warning", "info"):
        raise ValueError(f"rule {cls.id!r} has an unknown severity {cls.severity!r}")
    REGISTRY[cls.id] = cls()
    return cls


def all_rules() -> list[Rule]:
    """Return every registered rule."""
    return list(REGISTRY.values())


def check_page(page: CheckedPage, rules: Iterable[Rule] | None = None) -> Iterator[Finding]:
    """Yield every finding of the rules (default: all) on a page."""
    for each in (all_rules() if rules is None else rules):
        if page.is_document or each.any_content:
            yield from each.check(page)


# the rule modules register themselves on import
from simulator.checker.rules import (  # noqa: E402
    charset,
    emoji,
    images,
    markup,
    navigation,
    privacy,
    size,
)

__all__ = ["REGISTRY", "Rule", "all_rules", "charset", "check_page", "emoji", "images",
           "markup", "navigation", "privacy", "rule", "size"]
