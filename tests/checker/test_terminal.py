"""The checker on the terminal: progress per handset while it crawls, a table when it is done."""
from __future__ import annotations

import io
import threading

from simulator.checker.findings import HandsetRun
from simulator.checker.run import Report, check_site, select_profiles
from simulator.checker.terminal import BAR_WIDTH, ProgressBar, summary_table
from simulator.transport import WsgiTransport
from tests.checker import reports
from tests.checker.sample_site import HOST, PAGES
from tests.checker.site import FixtureSite

UP = "\x1b[{}F"
CLEAR = "\x1b[2K"


def frames(output: str, lines: int) -> list[list[str]]:
    """Split what a terminal progress bar wrote into the screens it drew."""
    drawn = [frame for frame in output.split(UP.format(lines)) if frame]
    return [frame.removesuffix("\n").split("\n") for frame in drawn]


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        """Say yes."""
        return True


# -- the progress bar ------------------------------------------------------------------------

def test_on_a_terminal_each_handset_has_a_line_redrawn_in_place() -> None:
    out = io.StringIO()
    with ProgressBar(["docomo-N505i", "au-W53CA"], stream=out, tty=True, interval=0) as bar:
        bar("docomo-N505i", 1, 3)
        bar("au-W53CA", 4, 0)
    screens = frames(out.getvalue(), 2)
    assert len(screens) == 4
    assert all(line.startswith(CLEAR) for screen in screens for line in screen)
    first, *_, last = screens
    assert first == [CLEAR + f"docomo-N505i [{'.' * BAR_WIDTH}] waiting",
                     CLEAR + f"au-W53CA     [{'.' * BAR_WIDTH}] waiting"]
    quarter = "#" * (BAR_WIDTH // 4) + "-" * (BAR_WIDTH - BAR_WIDTH // 4)
    assert last == [CLEAR + f"docomo-N505i [{quarter}]    1/4    3 queued",
                    CLEAR + f"au-W53CA     [{'#' * BAR_WIDTH}]    4/4    done"]


def test_the_bar_is_full_at_the_page_limit_of_the_crawl() -> None:
    bar = ProgressBar(["au-W53CA"], stream=io.StringIO(), tty=True, max_pages=10)
    bar("au-W53CA", 10, 25)
    assert bar.line("au-W53CA", 200) == f"au-W53CA [{'#' * BAR_WIDTH}]   10/10   done"


def test_a_line_never_wraps_on_a_narrow_terminal() -> None:
    bar = ProgressBar(["softbank-V702NK"], stream=io.StringIO(), tty=True)
    bar("softbank-V702NK", 3, 120)
    assert len(bar.line("softbank-V702NK", 30)) == 30


def test_a_handset_not_named_beforehand_gets_a_line_of_its_own() -> None:
    out = io.StringIO()
    bar = ProgressBar(["docomo-N505i"], stream=out, tty=True, interval=0)
    bar("docomo-N505i", 1, 1)
    bar("au-W53CA", 1, 0)
    assert out.getvalue().endswith(UP.format(1) + CLEAR + "docomo-N505i [" + "#" * (
        BAR_WIDTH // 2) + "-" * (BAR_WIDTH // 2) + "]    1/2    1 queued\n" + CLEAR
        + f"au-W53CA     [{'#' * BAR_WIDTH}]    1/1    done\n")


def test_the_bar_takes_whether_stderr_is_a_terminal_from_the_stream() -> None:
    assert ProgressBar(stream=Terminal()).tty
    assert not ProgressBar(stream=io.StringIO()).tty


def test_off_a_terminal_a_plain_line_comes_every_so_many_pages() -> None:
    out = io.StringIO()
    with ProgressBar(["docomo-N505i"], stream=out, tty=False, every=2) as bar:
        for done in range(1, 6):
            bar("docomo-N505i", done, 10 - done)
    assert out.getvalue() == ("docomo-N505i: 2 pages checked, 8 queued\n"
                              "docomo-N505i: 4 pages checked, 6 queued\n")


def test_handsets_crawled_in_parallel_never_mix_their_lines() -> None:
    out = io.StringIO()
    names = [f"handset-{n}" for n in range(6)]
    bar = ProgressBar(names, stream=out, tty=True, interval=0)

    def crawl(name: str) -> None:
        for done in range(1, 101):
            bar(name, done, 100 - done)

    threads = [threading.Thread(target=crawl, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    bar.finish()
    screens = frames(out.getvalue(), len(names))
    assert len(screens) == 6 * 100 + 1
    assert all(len(screen) == len(names) and all(line.startswith(CLEAR) for line in screen)
               for screen in screens)
    assert [line.split()[-2:] for line in screens[-1]] == [["100/100", "done"]] * 6


def test_a_real_check_reports_its_progress_to_the_bar() -> None:
    out = io.StringIO()
    profiles = select_profiles(["docomo-N505i", "au-W53CA", "softbank-J-SH02"])
    with ProgressBar([p.name for p in profiles], stream=out, tty=True, interval=0) as bar:
        report = check_site(HOST + "/", profiles, transport=WsgiTransport(FixtureSite(PAGES)),
                            progress=bar)
    last = frames(out.getvalue(), 3)[-1]
    for line, run in zip(last, report.runs, strict=True):
        pages = len(run.pages)
        assert line.startswith(CLEAR + run.handset)
        assert line.endswith(f"{pages:>4}/{pages:<4} done")


# -- the summary table -----------------------------------------------------------------------

def test_the_summary_table_has_a_row_per_handset_and_the_totals() -> None:
    report = reports.mixed_report()
    lines = summary_table(report).splitlines()
    assert lines[0].split() == ["handset", "generation", "pages", "unvisited", "error",
                                "warning", "info", "problem"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[1:len(report.runs) + 1]}
    assert rows == {"docomo-N505i": ["docomo", "chtml", "3", "0", "1", "1", "1"],
                    "au-W53CA": ["au", "chtml", "2", "0", "0", "1", "1"],
                    "softbank-J-SH02": ["softbank", "chtml", "3", "0", "2", "0", "0"],
                    "pc-Firefox": ["pc", "chtml", "2", "0", "0", "0", "0"]}
    assert set(lines[len(report.runs) + 1]) == {"-"}
    assert lines[len(report.runs) + 2].split() == ["total", "(4", "handsets)", "10", "0", "3",
                                                   "2", "2"]


def test_the_numbers_line_up_under_their_headings() -> None:
    lines = summary_table(reports.mixed_report()).splitlines()
    header, rows = lines[0], [*lines[1:5], lines[6]]
    for heading in ("pages", "unvisited", "error", "warning", "info"):
        end = header.index(heading) + len(heading)
        for row in rows:
            assert row[end - 1].isdigit() and row[end:end + 1] in ("", " "), (heading, row)


def test_the_summary_table_names_the_rules_found_most_often() -> None:
    table = summary_table(reports.mixed_report())
    rules = table.split("rules found:\n")[1].splitlines()
    assert [line.split()[:3] for line in rules[1:4]] == [
        ["3", "error", "size.limit"], ["2", "warning", "size.comfortable"],
        ["2", "info", reports.NOTE]]
    assert "Page over the handset's limit" in rules[1]


def test_only_the_top_rules_are_listed_and_the_rest_counted() -> None:
    table = summary_table(reports.mixed_report(), top=1)
    assert "rules found most often (2 more in the report):" in table
    assert "size.comfortable" not in table


def test_a_handset_that_could_not_be_checked_shows_its_problem() -> None:
    run = HandsetRun("docomo-N505i", "docomo N505i", "docomo", "docomo chtml",
                     problem="the site did not accept the login")
    table = summary_table(Report(reports.SITE, [run], logged_in=True))
    row = table.splitlines()[1]
    assert row.split()[:7] == ["docomo-N505i", "docomo", "chtml", "0", "0", "0", "0"]
    assert row.endswith("the site did not accept the login")
    assert "no findings" in table


def test_the_last_line_gives_pages_and_speed() -> None:
    report = reports.mixed_report()
    assert summary_table(report).splitlines()[-1] == "10 pages checked in 0.5 s (20 pages/s)"
    report.seconds = 0
    assert summary_table(report).splitlines()[-1] == "10 pages checked"
