"""The reviewer's report in Chromium: it opens from a file without an error, shows the counts
and the size bars, and its filters show only the findings chosen."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Dialog,
    Locator,
    Page,
    expect,
)

from simulator.checker.report import write_html
from simulator.checker.run import Report
from tests.checker import reports
from tests.checker.sample_site import sample_report

Open = Callable[[Report], Page]


@pytest.fixture()
def complaints() -> list[str]:
    """Collect what the page logs as an error, the errors it throws and the dialogs it opens."""
    return []


@pytest.fixture()
def open_report(chromium: Browser, tmp_path: Path, complaints: list[str]) -> Iterator[Open]:
    """Return open(report): the report written to a file and opened in a fresh tab."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="ja-JP")

    def logged(message: ConsoleMessage) -> None:
        if message.type == "error":
            complaints.append(message.text)

    def opened(dialog: Dialog) -> None:
        complaints.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def open_(report: Report) -> Page:
        path = tmp_path / "report.html"
        write_html(report, path)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("console", logged)
        page.on("pageerror", lambda error: complaints.append(str(error)))
        page.on("dialog", opened)
        page.goto(path.as_uri())
        return page

    yield open_
    context.close()


def choose(page: Page, name: str, value: str) -> None:
    """Pick a value in one of the report's filters."""
    page.select_option(f"#filter-{name}", value)


def visible_findings(page: Page) -> list[tuple[str, str, str]]:
    """Return (handset, severity, rule) of each finding the page shows."""
    rows = page.locator("tr.finding:visible")
    return [(row.get_attribute("data-handset") or "", row.get_attribute("data-severity") or "",
             row.get_attribute("data-rule") or "") for row in rows.all()]


def every_finding(report: Report) -> list[tuple[str, str, str]]:
    """Return (handset, severity, rule) of each finding of a report."""
    return [(f.handset, f.severity, f.rule) for f in report.findings]


def matrix_cell(page: Page, handset: str, rule: str) -> Locator:
    """Return the matrix's cell of one handset and rule."""
    return page.locator(f'tr.matrix-row[data-handset="{handset}"] td[data-rule="{rule}"]')


def test_the_report_of_a_real_check_opens_with_its_counts_and_size_bars(
        open_report: Open, complaints: list[str]) -> None:
    report = sample_report()
    page = open_report(report)
    expect(page.locator("h1")).to_contain_text("Compliance report")
    for run in report.runs:
        for rule in {f.rule for f in report.findings}:
            count = sum(1 for f in run.findings if f.rule == rule)
            expect(matrix_cell(page, run.handset, rule)).to_have_text(str(count) if count else "")
    expect(page.locator('tfoot [data-sum="pages"]')).to_have_text(str(len(report.pages)))
    expect(page.locator('tfoot [data-sum="error"]')).to_have_text(str(report.count("error")))
    expect(page.locator("svg.bar")).to_have_count(len(report.pages))
    over = [p for p in report.pages if p.limit is not None and p.bytes > p.limit]
    assert over
    expect(page.locator("svg.bar.over:visible")).to_have_count(len(over))
    assert sorted(visible_findings(page)) == sorted(every_finding(report))
    assert complaints == []


def test_the_carrier_filter_shows_that_carriers_findings_and_handsets(
        open_report: Open, complaints: list[str]) -> None:
    report = reports.mixed_report()
    page = open_report(report)
    choose(page, "carrier", "docomo")
    assert sorted(visible_findings(page)) == sorted(
        f for f in every_finding(report) if f[0] == "docomo-N505i")
    expect(page.locator("tr.matrix-row:visible")).to_have_count(1)
    expect(page.locator("details.handset-pages:visible")).to_have_count(1)
    expect(page.locator("#shown")).to_have_text("3 of 7 findings shown")
    expect(page.locator('tfoot [data-sum="rule:size.limit"]')).to_have_text("1")
    assert complaints == []


def test_the_severity_filter_shows_only_that_severity(open_report: Open,
                                                      complaints: list[str]) -> None:
    report = reports.mixed_report()
    page = open_report(report)
    choose(page, "severity", "warning")
    assert sorted(visible_findings(page)) == sorted(
        f for f in every_finding(report) if f[1] == "warning")
    expect(page.locator("section.rule:visible")).to_have_count(1)
    expect(page.locator("thead th[data-rule]:visible")).to_have_text(["size.comfortable"])
    expect(page.locator("tr.matrix-row:visible")).to_have_count(len(report.runs))
    assert complaints == []


def test_the_rule_filter_shows_only_that_rule_and_show_all_brings_back_everything(
        open_report: Open, complaints: list[str]) -> None:
    report = reports.mixed_report()
    page = open_report(report)
    choose(page, "rule", "size.limit")
    assert sorted(visible_findings(page)) == sorted(
        f for f in every_finding(report) if f[2] == "size.limit")
    expect(page.locator("thead th[data-rule]:visible")).to_have_text(["size.limit"])
    choose(page, "carrier", "au")
    assert visible_findings(page) == []
    expect(page.locator("#no-match")).to_be_visible()
    page.click("#filter-reset")
    assert sorted(visible_findings(page)) == sorted(every_finding(report))
    expect(page.locator("#no-match")).to_be_hidden()
    expect(page.locator("#shown")).to_have_text("7 findings")
    assert complaints == []


def test_picking_a_count_in_the_matrix_shows_those_findings(open_report: Open,
                                                            complaints: list[str]) -> None:
    report = reports.mixed_report()
    page = open_report(report)
    matrix_cell(page, "softbank-J-SH02", "size.limit").locator("a").click()
    assert visible_findings(page) == [("softbank-J-SH02", "error", "size.limit")] * 2
    expect(page.locator("#filter-handset")).to_have_value("softbank-J-SH02")
    expect(page.locator("#filter-rule")).to_have_value("size.limit")
    expect(page.locator("section.rule:visible")).to_be_in_viewport()
    assert complaints == []


def test_a_hostile_sites_script_never_runs_in_the_report(open_report: Open,
                                                         complaints: list[str]) -> None:
    page = open_report(reports.hostile_report())
    expect(page.locator("td.excerpt code").first).to_have_text(reports.SCRIPT)
    expect(page.locator("p.problem")).to_have_text(reports.CLOSING)
    expect(page.locator("td.message", has_text="onerror")).to_have_text(reports.IMAGE)
    expect(page.locator("script")).to_have_count(1)
    expect(page.locator("img")).to_have_count(0)
    assert page.evaluate("document.querySelectorAll('section.rule').length") == 2
    assert complaints == []
