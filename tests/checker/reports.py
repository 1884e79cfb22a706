"""Reports built by hand for the report tests: several carriers, severities and rules, and one
whose site tries to inject script into the reviewer's page."""
from __future__ import annotations

from simulator.checker.findings import Finding, HandsetRun, PageRecord
from simulator.checker.run import Report

SITE = "http://shop.example.jp/"
#: a rule no module registers, so that the report shows a severity the size rules lack
NOTE = "sample.note"
#: what a hostile site puts where the report shows it
SCRIPT = "<script>alert('excerpt')</script>"
IMAGE = '<img src=x onerror="alert(\'message\')">'
BREAKOUT = 'http://evil.example/"><script>alert("url")</script>'
JAVASCRIPT = "javascript:alert('link')"
CLOSING = "</td></tr></table></details><script>alert('problem')</script>"


def page(url: str, handset: str, size: int, limit: int | None, images: int = 0) -> PageRecord:
    """Return a page record of a Shift_JIS cHTML page."""
    return PageRecord(url, handset, 200, size, limit, "text/html; charset=Shift_JIS", images)


def run(handset: str, carrier: str, limit: int | None, findings: list[Finding],
        sizes: tuple[int, ...] = (800, 4_000)) -> HandsetRun:
    """Return one handset's run: a page per size, with the findings given."""
    pages = [page(SITE + ("" if n == 0 else f"p{n}"), handset, size, limit, 300 * n)
             for n, size in enumerate(sizes)]
    return HandsetRun(handset, handset.replace("-", " "), carrier, f"{carrier} chtml",
                      pages, findings)


def finding(handset: str, rule: str, severity: str, path: str = "p1",
            excerpt: str = "<title>カタログ</title>") -> Finding:
    """Return a finding on a page of the site."""
    return Finding(SITE + path, handset, rule, severity, f"{rule} on {handset}", excerpt)


def mixed_report() -> Report:
    """Return a report over three carriers with errors, warnings and info of three rules."""
    return Report(SITE, [
        run("docomo-N505i", "docomo", 20_480, [
            finding("docomo-N505i", "size.limit", "error"),
            finding("docomo-N505i", "size.comfortable", "warning", "p2"),
            finding("docomo-N505i", NOTE, "info")], sizes=(800, 24_000, 12_000)),
        run("au-W53CA", "au", 131_072, [
            finding("au-W53CA", "size.comfortable", "warning"),
            finding("au-W53CA", NOTE, "info", "")]),
        run("softbank-J-SH02", "softbank", 6_000, [
            finding("softbank-J-SH02", "size.limit", "error"),
            finding("softbank-J-SH02", "size.limit", "error", "p2")], sizes=(800, 9_000, 7_000)),
        run("pc-Firefox", "pc", None, []),
    ], seconds=0.5)


def hostile_report() -> Report:
    """Return a report whose site put markup and script in every field it controls."""
    evil = "docomo-N505i"
    broken = run(evil, "docomo", 20_480, [
        Finding(SITE, evil, "size.limit", "error", IMAGE, SCRIPT),
        Finding(BREAKOUT, evil, "size.limit", "error", "breaks out of the link", SCRIPT),
        Finding(JAVASCRIPT, evil, NOTE, "info", "a link that would run script", ""),
    ])
    broken.pages.append(page(BREAKOUT, evil, 100, 20_480))
    broken.problem = CLOSING
    return Report(SITE, [broken])
