"""Check a site as several handsets at once and gather one report."""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from carriers.markup_support import support_for
from simulator.checker.crawl import (
    DEFAULT_MAX_PAGES,
    HandsetCrawl,
    Login,
    Progress,
    Unreachable,
)
from simulator.checker.findings import SEVERITIES, Finding, HandsetRun, PageRecord, at_least
from simulator.checker.page import Redirect
from simulator.checker.rules import Rule, all_rules, check_page
from simulator.profiles import Profile, builtin_profiles
from simulator.transport import HttpTransport, Transport

#: handsets crawled at the same time
DEFAULT_PARALLEL = 4


class UnknownHandset(LookupError):
    """A --handset name that is not a simulator profile."""


def generation_of(profile: Profile) -> str:
    """Return the markup generation a profile's browser belongs to."""
    return support_for(profile.handset).generation


def select_profiles(names: Iterable[str] = (), all_handsets: bool = False,
                    profiles: list[Profile] | None = None) -> list[Profile]:
    """Return the handsets to check: the named ones, every one, or one per generation."""
    available = builtin_profiles() if profiles is None else profiles
    names = list(names)
    if names:
        by_name = {p.name: p for p in available}
        unknown = [n for n in names if n not in by_name]
        if unknown:
            raise UnknownHandset(", ".join(unknown))
        return [by_name[n] for n in dict.fromkeys(names)]
    if all_handsets:
        return list(available)
    chosen: dict[str, Profile] = {}
    for profile in available:
        chosen.setdefault(generation_of(profile), profile)
    return list(chosen.values())


@dataclass
class Report:
    """Everything one check found."""

    start: str
    runs: list[HandsetRun] = field(default_factory=list)
    logged_in: bool = False
    seconds: float = 0.0

    @property
    def pages(self) -> list[PageRecord]:
        """Return every page record of every handset."""
        return [page for run in self.runs for page in run.pages]

    @property
    def findings(self) -> list[Finding]:
        """Return every finding of every handset."""
        return [finding for run in self.runs for finding in run.findings]

    def count(self, severity: str) -> int:
        """Return how many findings have that severity."""
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, level: str = "error") -> bool:
        """Tell whether anything at level or worse was found, or a handset could not log in."""
        return (any(at_least(f.severity, level) for f in self.findings)
                or any(run.problem for run in self.runs))

    def summary(self) -> dict[str, Any]:
        """Return the counts the JSON summary and the terminal table show."""
        by_rule: Counter[str] = Counter(f.rule for f in self.findings)
        handsets = {}
        for run in self.runs:
            counts = Counter(f.severity for f in run.findings)
            handsets[run.handset] = {
                "label": run.label, "carrier": run.carrier, "generation": run.generation,
                "pages": len(run.pages), "left": run.left, "problem": run.problem,
                **{severity: counts.get(severity, 0) for severity in SEVERITIES}}
        return {
            "start": self.start, "logged_in": self.logged_in, "handsets": len(self.runs),
            "pages": len(self.pages), "seconds": round(self.seconds, 2),
            **{severity: self.count(severity) for severity in SEVERITIES},
            "rules": dict(sorted(by_rule.items())), "by_handset": handsets,
        }

    def to_json(self) -> dict[str, Any]:
        """Return the report as --json writes it."""
        return {"pages": [p.to_json() for p in self.pages],
                "findings": [f.to_json() for f in self.findings],
                "summary": self.summary()}


def check_site(start: str, profiles: list[Profile], *, transport: Transport | None = None,
               max_pages: int = DEFAULT_MAX_PAGES, same_prefix: bool = False,
               login: Login | None = None, rules: list[Rule] | None = None,
               progress: Progress | None = None,
               parallel: int = DEFAULT_PARALLEL) -> Report:
    """Crawl the site as each handset and return what was found.

    Raises Unreachable when the start page does not answer for any handset.
    """
    began = time.perf_counter()
    transport = transport or HttpTransport()
    crawls = [HandsetCrawl(p, start, transport, max_pages=max_pages, same_prefix=same_prefix,
                           login=login, rules=rules, progress=progress) for p in profiles]
    with ThreadPoolExecutor(max_workers=max(1, min(parallel, len(crawls)))) as pool:
        futures = [pool.submit(crawl.run) for crawl in crawls]
        runs: list[HandsetRun] = []
        unreachable: Unreachable | None = None
        for future in futures:
            try:
                runs.append(future.result())
            except Unreachable as error:
                unreachable = error
    if unreachable is not None and not runs:
        raise unreachable
    report = Report(start, runs, logged_in=login is not None)
    report.seconds = time.perf_counter() - began
    return report


def check_response(profile: Profile, url: str, status: int, headers: list[tuple[str, str]],
                   body: bytes, transport: Transport | None = None,
                   rules: list[Rule] | None = None, *,
                   redirects: list[Redirect] | None = None) -> list[Finding]:
    """Check one response already received (the simulator's "check this page"), as a crawl
    of that one page would: its findings, then what the rules draw at the end of the crawl."""
    chosen = all_rules() if rules is None else rules
    crawl = HandsetCrawl(profile, url, transport or HttpTransport(), rules=chosen)
    crawl.context.learn_session(url)
    page = crawl.page_of(url, status, headers, body, redirects)
    found = list(check_page(page, chosen))
    for each in chosen:
        found.extend(each.finish(crawl.context))
    return found


def check_url(profile: Profile, url: str, transport: Transport | None = None,
              rules: list[Rule] | None = None) -> list[Finding]:
    """Fetch one URL as the handset (redirects on the site followed) and check only it."""
    chosen = all_rules() if rules is None else rules
    crawl = HandsetCrawl(profile, url, transport or HttpTransport(), rules=chosen)
    page = crawl.page(crawl.fetch(url), url)
    found = list(check_page(page, chosen))
    for each in chosen:
        found.extend(each.finish(crawl.context))
    return found
