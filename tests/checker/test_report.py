"""The JSON file and the reviewer's HTML page hold what the check found, in the issue's shape,
and the HTML page stands alone and cannot be made to run a crawled site's script."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import lxml.html  # type: ignore[import-untyped]
import pytest

from simulator.checker.findings import SEVERITIES, Finding, HandsetRun
from simulator.checker.jsonout import write_json
from simulator.checker.report import render_html, write_html
from simulator.checker.rules import REGISTRY
from simulator.checker.run import Report
from tests.checker import reports
from tests.checker.sample_site import sample_report

PAGE_KEYS = ["url", "handset", "status", "bytes", "limit", "content_type"]
FINDING_KEYS = ["url", "handset", "rule", "severity", "message", "excerpt"]
NOTE = reports.NOTE
#: a parsed element (lxml has no type hints)
Html = Any


@pytest.fixture(scope="module")
def sample() -> Report:
    """Give the sample shop checked as the default handsets."""
    return sample_report()


def parsed(report: Report) -> Html:
    """Return the report's HTML page, parsed."""
    page: Html = lxml.html.document_fromstring(render_html(report))
    return page


def text(element: Html) -> str:
    """Return an element's text with its white space folded."""
    return " ".join(element.text_content().split())


def findings_of(report: Report) -> set[tuple[str, str, str, str, str]]:
    """Return each finding as (handset, rule, url, message, excerpt)."""
    return {(f.handset, f.rule, f.url, f.message, f.excerpt) for f in report.findings}


# -- JSON ------------------------------------------------------------------------------------

def test_the_json_file_has_the_pages_findings_and_summary_of_the_issue(
        sample: Report, tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    write_json(sample, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data) == ["pages", "findings", "summary"]
    assert data["pages"] and data["findings"]
    for entry in data["pages"]:
        assert list(entry)[:len(PAGE_KEYS)] == PAGE_KEYS
        assert set(entry) - set(PAGE_KEYS) == {"image_bytes"}
    for entry in data["findings"]:
        assert list(entry) == FINDING_KEYS
        assert entry["severity"] in SEVERITIES
    assert [(p["url"], p["handset"], p["bytes"], p["limit"]) for p in data["pages"]] == [
        (p.url, p.handset, p.bytes, p.limit) for p in sample.pages]
    assert {tuple(f[k] for k in ("handset", "rule", "url", "message", "excerpt"))
            for f in data["findings"]} == findings_of(sample)


def test_the_json_summary_counts_what_the_lists_hold(sample: Report, tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    write_json(sample, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    summary = data["summary"]
    assert summary["pages"] == len(data["pages"])
    for severity in SEVERITIES:
        assert summary[severity] == sum(1 for f in data["findings"] if f["severity"] == severity)
    assert set(summary["by_handset"]) == {run.handset for run in sample.runs}


def test_the_json_file_keeps_japanese_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    write_json(reports.mixed_report(), path)
    raw = path.read_bytes()
    assert "<title>カタログ</title>".encode() in raw
    assert b"\\u30ab" not in raw


# -- the HTML page stands alone --------------------------------------------------------------

def test_the_html_report_loads_nothing_from_anywhere(sample: Report) -> None:
    page = parsed(sample)
    assert page.xpath("//link | //img | //iframe | //object | //embed | //script[@src]") == []
    assert page.xpath("//*[@src]") == []
    css = " ".join(style.text_content() for style in page.xpath("//style"))
    assert css.strip()
    assert not re.search(r"url\(|@import|@font-face", css)
    linked = {sample.start, *(p.url for p in sample.pages), *(f.url for f in sample.findings)}
    for href in page.xpath("//@href"):
        assert href.startswith("#") or href in linked, href


def test_the_page_runs_and_styles_only_its_own_script_and_style(sample: Report) -> None:
    page = parsed(sample)
    policy = page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    [script] = page.xpath("//script")
    [style] = page.xpath("//style")
    assert f"script-src '{digest(script.text)}'" in policy
    assert f"style-src '{digest(style.text)}'" in policy
    assert "default-src 'none'" in policy
    assert page.xpath("//@*[starts-with(name(), 'on')] | //@style") == []


def digest(text: str) -> str:
    """Return a CSP hash source for an inline script or style."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_what_a_hostile_site_said_is_shown_as_text_and_never_as_markup() -> None:
    report = reports.hostile_report()
    html = render_html(report)
    for hostile in (reports.SCRIPT, reports.IMAGE, reports.BREAKOUT, reports.CLOSING):
        assert hostile not in html
    page = lxml.html.document_fromstring(html)
    assert len(page.xpath("//script")) == 1
    assert page.xpath("//img") == []
    excerpts = [cell.text_content() for cell in page.xpath("//tr[@class='finding']/td[4]")]
    assert excerpts.count(reports.SCRIPT) == 2
    messages = [cell.text_content() for cell in page.xpath("//tr[@class='finding']/td[3]")]
    assert reports.IMAGE in messages
    assert reports.CLOSING in [p.text_content() for p in page.xpath("//p[@class='problem']")]
    assert reports.BREAKOUT in page.xpath("//a/@href")


def test_only_http_urls_become_links() -> None:
    page = parsed(reports.hostile_report())
    assert not [href for href in page.xpath("//@href") if "javascript" in href.lower()]
    urls = [text(cell) for cell in page.xpath("//tr[@class='finding']/td[@class='url']")]
    assert reports.JAVASCRIPT in urls


def test_the_report_is_written_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    write_html(reports.mixed_report(), path)
    raw = path.read_bytes()
    assert raw.startswith(b"<!DOCTYPE html>")
    assert b'<meta charset="utf-8">' in raw
    assert "カタログ".encode() in raw


# -- what the page shows ---------------------------------------------------------------------

def test_the_header_names_the_site_the_handsets_and_the_counts() -> None:
    report = reports.mixed_report()
    page = parsed(report)
    header = text(page.xpath("//header")[0])
    assert reports.SITE in header
    for run in report.runs:
        assert run.handset in header
    assert "Not ready: 3 errors" in header
    for severity, count in zip(SEVERITIES, (3, 2, 2), strict=True):
        assert text(page.get_element_by_id(f"count-{severity}")).startswith(f"{count} ")


def test_the_verdict_says_no_errors_when_there_are_none() -> None:
    report = Report(reports.SITE, [reports.run("au-W53CA", "au", 131_072, [
        reports.finding("au-W53CA", "size.comfortable", "warning")])])
    assert "No errors (1 warning to consider)" in text(parsed(report).xpath("//header")[0])


def test_the_matrix_counts_each_rule_per_handset_coloured_by_severity() -> None:
    report = reports.mixed_report()
    page = parsed(report)
    rules = sorted({f.rule for f in report.findings})
    for run in report.runs:
        [row] = page.xpath(f"//tr[@data-handset='{run.handset}' and @class='matrix-row']")
        for rule in rules:
            [cell] = row.xpath(f"td[@data-rule='{rule}']")
            count = sum(1 for f in run.findings if f.rule == rule)
            severity = cell.get("data-severity")
            assert text(cell) == (str(count) if count else "")
            assert ("sev-" + severity if count else "zero") in cell.classes
    heads = page.xpath("//table[@class='matrix']/thead//th[@data-rule]")
    assert [h.get("data-rule") for h in heads] == ["size.limit", "size.comfortable", NOTE]


def test_every_finding_is_listed_under_its_rule_with_why_and_how_to_fix(sample: Report) -> None:
    page = parsed(sample)
    shown = set()
    for section in page.xpath("//section[contains(@class, 'rule')]"):
        rule = REGISTRY[section.get("data-rule")]
        assert rule.why in text(section) and rule.fix in text(section)
        for row in section.xpath(".//tr[@class='finding']"):
            handset, url, message, excerpt = (text(cell) for cell in row.xpath("td"))
            assert row.xpath("td[2]/a/@href") == [url]
            shown.add((handset, rule.id, url, message, excerpt))
    assert shown == {(h, r, u, " ".join(m.split()), " ".join(e.split()))
                     for h, r, u, m, e in findings_of(sample)}


def test_a_rule_the_registry_lacks_keeps_its_id_and_severity() -> None:
    page = parsed(reports.mixed_report())
    [section] = page.xpath(f"//section[@data-rule='{NOTE}']")
    assert "sev-info" in section.classes
    assert NOTE in text(section.xpath("h3")[0])


def test_each_handset_has_a_size_bar_per_page_red_over_its_limit(sample: Report) -> None:
    page = parsed(sample)
    for run in sample.runs:
        [details] = page.xpath(f"//details[@data-handset='{run.handset}']")
        bars = details.xpath(".//svg")
        assert len(bars) == len(run.pages)
        over = [p.url for p in run.pages if p.limit is not None and p.bytes > p.limit]
        assert [text(row.xpath("td")[0]) for row in details.xpath(".//tr[contains(@class, "
                                                                   "'over')]")] == over
        assert sum("over" in bar.get("class").split() for bar in bars) == len(over)
        assert (details.get("open") is not None) == bool(over)
    assert any(run.pages and run.pages[0].limit is not None and any(
        p.bytes > p.limit for p in run.pages if p.limit) for run in sample.runs)


def test_a_bar_shows_the_page_its_images_and_the_limit_on_one_scale() -> None:
    report = reports.mixed_report()
    page = parsed(report)
    [details] = page.xpath("//details[@data-handset='softbank-J-SH02']")
    fills = [float(r.get("width")) for r in details.xpath(".//rect[@class='fill']")]
    images = [float(r.get("width")) for r in details.xpath(".//rect[@class='images']")]
    marks = {float(line.get("x1")) for line in details.xpath(".//line")}
    scale = 9_000 + 300
    assert fills == [round(100 * size / scale, 1) for size in (800, 9_000, 7_000)]
    assert images == [round(100 * 300 / scale, 1), round(100 * 600 / scale, 1)]
    assert marks == {round(100 * 6_000 / scale, 1)}


def test_a_handset_without_a_limit_has_bars_and_no_limit_line() -> None:
    page = parsed(reports.mixed_report())
    [details] = page.xpath("//details[@data-handset='pc-Firefox']")
    assert len(details.xpath(".//svg")) == 2
    assert details.xpath(".//line") == []
    assert "limit no limit" in text(details.xpath("summary")[0])


def test_the_filters_offer_each_carrier_handset_severity_and_rule_found() -> None:
    report = reports.mixed_report()
    page = parsed(report)

    def options(name: str) -> list[str]:
        return [str(value) for value in page.xpath(f"//select[@id='filter-{name}']/option/@value")]

    assert options("carrier") == ["", "docomo", "au", "softbank", "pc"]
    assert options("handset") == ["", *(run.handset for run in report.runs)]
    assert options("severity") == ["", *SEVERITIES]
    assert options("rule") == ["", "size.limit", "size.comfortable", NOTE]
    for row in page.xpath("//tr[@class='finding']"):
        assert row.get("data-carrier") == {r.handset: r.carrier for r in report.runs}[
            row.get("data-handset")]


def test_a_report_without_findings_says_so() -> None:
    report = Report(reports.SITE, [reports.run("au-W53CA", "au", 131_072, [])])
    page = parsed(report)
    assert page.xpath("//table[@class='matrix']") == []
    assert "No findings" in text(page.get_element_by_id("matrix"))
    assert "No errors" in text(page.xpath("//header")[0])


def test_a_handset_that_could_not_log_in_is_named_with_its_problem() -> None:
    run = HandsetRun("docomo-N505i", "docomo N505i", "docomo", "docomo chtml",
                     problem="no login form was found")
    page = parsed(Report(reports.SITE, [run], logged_in=True))
    assert "1 handset could not be checked" in text(page.xpath("//header")[0])
    [details] = page.xpath("//details[@data-handset='docomo-N505i']")
    assert details.get("open") is not None
    assert "no login form was found" in text(details)


def test_the_rules_section_lists_every_registered_rule_with_its_count() -> None:
    report = reports.mixed_report()
    rows = parsed(report).xpath("//section[@id='rules']//tbody/tr")
    assert [text(row.xpath("td")[0]) for row in rows] == list(REGISTRY)
    for row in rows:
        rule = text(row.xpath("td")[0])
        assert text(row.xpath("td")[3]) == str(sum(1 for f in report.findings
                                                   if f.rule == rule))


def test_findings_keep_their_order_by_page_then_handset() -> None:
    findings = [Finding(reports.SITE + path, handset, "size.limit", "error", "m")
                for path, handset in (("b", "x"), ("a", "y"), ("a", "x"))]
    report = Report(reports.SITE, [reports.run("x", "docomo", 1, findings[::2]),
                                   reports.run("y", "au", 1, findings[1:2])])
    rows = parsed(report).xpath("//tr[@class='finding']")
    assert [(text(r.xpath("td")[1])[-1], text(r.xpath("td")[0])) for r in rows] == [
        ("a", "x"), ("a", "y"), ("b", "x")]
