"""The checker on the terminal: a progress bar per handset while it crawls (on stderr), and a
summary table when it is done."""
from __future__ import annotations

import shutil
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable
from types import TracebackType
from typing import TextIO

from simulator.checker.findings import SEVERITIES, severity_rank
from simulator.checker.rules import REGISTRY
from simulator.checker.run import Report

#: characters of the bar itself
BAR_WIDTH = 24
#: seconds between two redraws on a terminal (the last state is always drawn by finish())
REDRAW_INTERVAL = 0.1
#: pages between two lines of progress when stderr is not a terminal (a CI log)
LOG_EVERY = 50
#: rules listed under the summary table
TOP_RULES = 10
#: ANSI: move the cursor to the start of the line N lines up; clear the line
_UP = "\x1b[{}F"
_CLEAR = "\x1b[2K"


class ProgressBar:
    """Show pages done and queued per handset; a crawl's Progress callback, safe across the
    threads that crawl handsets in parallel.

    On a terminal, one line per handset, redrawn in place; elsewhere a plain line every
    LOG_EVERY pages of a handset.
    """

    def __init__(self, handsets: Iterable[str] = (), *, stream: TextIO | None = None,
                 tty: bool | None = None, max_pages: int | None = None,
                 interval: float = REDRAW_INTERVAL, every: int = LOG_EVERY) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.tty = self.stream.isatty() if tty is None else tty
        self.max_pages = max_pages
        self.interval = interval
        self.every = every
        #: handset -> (pages done, pages queued), None before its first page
        self.state: dict[str, tuple[int, int] | None] = dict.fromkeys(handsets)
        self._lock = threading.Lock()
        self._drawn = 0
        self._last = 0.0

    def __call__(self, handset: str, done: int, queued: int) -> None:
        """Take one handset's progress (the crawl's Progress callback)."""
        with self._lock:
            self.state[handset] = (done, queued)
            if self.tty:
                now = time.monotonic()
                if now - self._last >= self.interval:
                    self._last = now
                    self._draw()
            elif self.every and done % self.every == 0:
                self.stream.write(f"{handset}: {done} pages checked, {queued} queued\n")
                self.stream.flush()

    def finish(self) -> None:
        """Draw the last state (on a terminal), leaving the cursor below the bars."""
        with self._lock:
            if self.tty and self.state:
                self._draw()

    def __enter__(self) -> ProgressBar:
        """Draw the handsets waiting to start (on a terminal)."""
        with self._lock:
            if self.tty and self.state:
                self._draw()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        """Draw the last state."""
        self.finish()

    def line(self, handset: str, width: int) -> str:
        """Return one handset's line of progress."""
        state = self.state.get(handset)
        name = handset.ljust(max((len(h) for h in self.state), default=0))
        if state is None:
            return f"{name} [{'.' * BAR_WIDTH}] waiting"[:width]
        done, queued = state
        total = done + queued if self.max_pages is None else min(done + queued, self.max_pages)
        filled = BAR_WIDTH if total <= done else BAR_WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        left = f"{queued} queued" if total > done else "done"
        return f"{name} [{bar}] {done:>4}/{total:<4} {left}"[:width]

    def _draw(self) -> None:
        width = shutil.get_terminal_size().columns - 1
        out = [_UP.format(self._drawn)] if self._drawn else []
        out.extend(f"{_CLEAR}{self.line(handset, width)}\n" for handset in self.state)
        self.stream.write("".join(out))
        self.stream.flush()
        self._drawn = len(self.state)


def _table(header: list[str], rows: list[list[str]], numeric: set[int]) -> list[str]:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [cell.rjust(w) if i in numeric else cell.ljust(w)
                 for i, (cell, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    return lines


def summary_table(report: Report, top: int = TOP_RULES) -> str:
    """Return the table printed when a check is done: one row per handset, totals, and the
    rules found most often."""
    summary = report.summary()
    header = ["handset", "generation", "pages", "unvisited", *SEVERITIES, "problem"]
    rows = [[run.handset, run.generation, str(len(run.pages)), str(run.left),
             *(str(sum(1 for f in run.findings if f.severity == s)) for s in SEVERITIES),
             run.problem] for run in report.runs]
    rows.append([f"total ({len(report.runs)} handsets)", "", str(summary["pages"]),
                 str(sum(run.left for run in report.runs)),
                 *(str(summary[s]) for s in SEVERITIES), ""])
    lines = _table(header, rows, numeric={2, 3, 4, 5, 6})
    lines.insert(len(lines) - 1, "-" * max(len(line) for line in lines))
    lines.extend(["", *top_rules(report, top), ""])
    rate = (f" in {report.seconds:.1f} s ({summary['pages'] / report.seconds:.0f} pages/s)"
            if report.seconds else "")
    lines.append(f"{summary['pages']} pages checked{rate}")
    return "\n".join(lines) + "\n"


def top_rules(report: Report, top: int = TOP_RULES) -> list[str]:
    """Return lines naming the rules found most often, worst first among equals."""
    counts = Counter((f.rule, f.severity) for f in report.findings)
    if not counts:
        return ["no findings"]
    ranked = sorted(counts.items(), key=lambda item: (-item[1], severity_rank(item[0][1]),
                                                      item[0][0]))
    rows = [[str(count), severity, rule_id, _title(rule_id)]
            for (rule_id, severity), count in ranked[:top]]
    more = len(ranked) - top
    title = f"rules found most often ({more} more in the report):" if more > 0 else \
        "rules found:"
    return [title, *("  " + line for line in _table(["count", "severity", "rule", "title"],
                                                    rows, numeric={0}))]


def _title(rule_id: str) -> str:
    known = REGISTRY.get(rule_id)
    return known.title if known is not None else ""
