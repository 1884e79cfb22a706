"""The reviewer's report (--report): one self-contained HTML page with a handset x rule matrix,
every finding with why it matters and how to fix it, each handset's pages with size bars, and
filters by carrier, handset, severity and rule.

Everything the crawled site said (URLs, messages, excerpts) goes through Jinja's escaping; only
http(s) URLs become links; and the page's Content-Security-Policy runs no script and applies no
style but its own (by their hashes), so a hostile site cannot make the report run anything.
"""
from __future__ import annotations

import base64
import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from simulator.checker.findings import SEVERITIES, Finding, HandsetRun, PageRecord, severity_rank
from simulator.checker.rules import REGISTRY
from simulator.checker.run import Report

TEMPLATES = Path(__file__).with_name("templates")
#: the URL schemes that become links in the report
LINKED_SCHEMES = ("http", "https")
#: how the report names several findings of a severity
PLURAL = {"error": "errors", "warning": "warnings", "info": "info"}


@dataclass(frozen=True)
class RuleView:
    """One rule as the report shows it, with its findings."""

    id: str
    severity: str
    title: str
    why: str
    fix: str
    findings: tuple[Finding, ...] = ()

    @property
    def anchor(self) -> str:
        """Return the id of the rule's section in the page."""
        return f"rule-{self.id}"


@dataclass(frozen=True)
class SizeBar:
    """One page's bytes against its handset's limit, as percentages of the bar's length."""

    page: PageRecord
    #: the page alone
    fill: float
    #: what its images add
    images: float
    #: where the limit lies, None when the handset has none
    mark: float | None

    @property
    def over(self) -> bool:
        """Tell whether the page alone is over the handset's limit."""
        return self.page.limit is not None and self.page.bytes > self.page.limit


@dataclass(frozen=True)
class HandsetView:
    """One handset's row of the matrix and its section of pages."""

    run: HandsetRun
    by_rule: Counter[str]
    by_severity: Counter[str]
    bars: tuple[SizeBar, ...]

    @property
    def over(self) -> int:
        """Return how many of its pages are over its limit."""
        return sum(1 for bar in self.bars if bar.over)

    @property
    def limit(self) -> int | None:
        """Return the handset's page limit, None when it has none (or no page was fetched)."""
        return next((bar.page.limit for bar in self.bars if bar.page.limit is not None), None)


def rule_view(rule_id: str, findings: tuple[Finding, ...] = (), severity: str = "info") -> RuleView:
    """Return a rule from the registry with its findings (a rule it lacks keeps its id)."""
    known = REGISTRY.get(rule_id)
    if known is None:
        return RuleView(rule_id, severity, rule_id, "", "", findings)
    return RuleView(known.id, known.severity, known.title, known.why, known.fix, findings)


def rules_found(findings: list[Finding]) -> list[RuleView]:
    """Return the rules with findings, worst first, each with its findings by page."""
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.rule, []).append(finding)
    views = [rule_view(rule_id, tuple(sorted(found, key=lambda f: (f.url, f.handset))),
                       found[0].severity) for rule_id, found in grouped.items()]
    return sorted(views, key=lambda r: (severity_rank(r.severity), r.id))


def size_bars(run: HandsetRun) -> tuple[SizeBar, ...]:
    """Return a bar per page of a run, all on one scale: the limit or the biggest page."""
    limits = [p.limit for p in run.pages if p.limit is not None]
    scale = max([*limits, *(p.bytes + p.image_bytes for p in run.pages)], default=0) or 1
    return tuple(SizeBar(page, _percent(page.bytes, scale), _percent(page.image_bytes, scale),
                         None if page.limit is None else _percent(page.limit, scale))
                 for page in run.pages)


def _percent(part: int, whole: int) -> float:
    return round(100 * part / whole, 1)


def handset_view(run: HandsetRun) -> HandsetView:
    """Return a handset's counts by rule and severity and its pages' bars."""
    return HandsetView(run, Counter(f.rule for f in run.findings),
                       Counter(f.severity for f in run.findings), size_bars(run))


def link(url: str) -> str | None:
    """Return url when the report may link to it (http or https), else None."""
    return url if urlsplit(url).scheme.lower() in LINKED_SCHEMES else None


def kb(size: int | None) -> str:
    """Return a byte count as the report shows it."""
    return "no limit" if size is None else f"{size / 1024:.1f} KB"


def _digest(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(link=link, kb=kb)
    return env


def render_html(report: Report, generated: datetime | None = None) -> str:
    """Return the report as one self-contained HTML page."""
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    js = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    policy = (f"default-src 'none'; style-src '{_digest(css)}'; script-src '{_digest(js)}'; "
              "base-uri 'none'; form-action 'none'")
    findings = report.findings
    found = rules_found(findings)
    counts = Counter(f.rule for f in findings)
    return _environment().get_template("report.html").render(
        report=report, summary=report.summary(),
        generated=(generated or datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M %Z"),
        failed=report.failed(), severities=SEVERITIES, plural=PLURAL, rules=found,
        every_rule=[(rule_view(rule_id), counts[rule_id]) for rule_id in REGISTRY],
        handsets=[handset_view(run) for run in report.runs],
        carriers=list(dict.fromkeys(run.carrier for run in report.runs)),
        carrier_of={run.handset: run.carrier for run in report.runs},
        css=Markup(css), js=Markup(js), policy=policy)


def write_html(report: Report, path: str | Path, generated: datetime | None = None) -> None:
    """Write the report as one self-contained HTML page to path (UTF-8)."""
    Path(path).write_text(render_html(report, generated), encoding="utf-8")
