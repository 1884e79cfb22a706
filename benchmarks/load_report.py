"""The load benchmark's table and goals: one row per page, viewer, handset and concurrency."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from benchmarks.wrk import Figures

#: earlier figures of the same setup (gunicorn, 2 workers, 2 cores, wrk at concurrency 4),
#: before the friends' feed index: page -> (req/s, p50 ms, p99 ms, app CPU ms, db CPU ms)
EARLIER = {
    "/handset": (564, 6.8, 11.7, 1.7, 0.2),
    "home, 10 friends": (107, 37, 72, 8.7, 2.2),
    "home, 1000 friends": (71, 48, 99, 9.1, 12.8),
    "friend's diary": (209, 16, 49, 6.4, 1.4),
}
#: the goals' limits
CPU_RATIO, HOME_CPU_MS, HOME_SHARE, HOME_P99_MS, P99_AT = 1.2, 4.0, 0.5, 25.0, 4

_HEAD = (f"{'page':9} {'viewer':13} {'handset':13} {'conc':>4} {'req/s':>7} {'p50 ms':>7} "
         f"{'p99 ms':>7}   {'CPU ms/req: app + stores = all':30} {'load':>5}")


@dataclass(frozen=True)
class Cell:
    """One page loaded by one viewer on one handset at one concurrency, and its figures."""

    page: str
    viewer: str
    handset: str
    connections: int
    rate: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    #: CPU per request of gunicorn's workers, and of the stores: the database's backends and
    #: Redis when the app uses it (None when the database runs where /proc does not show it)
    app_ms: float = 0.0
    db_ms: float | None = None
    #: the machine's one-minute load average when the cell ended
    load: float = 0.0
    requests: int = 0

    def name(self) -> str:
        """Return what the cell loads, in words."""
        return f"{self.page} ({self.viewer}, {self.handset}, concurrency {self.connections})"

    def measured(self, figures: Figures, app_ms: float, db_ms: float | None,
                 load: float) -> Cell:
        """Return the cell with its figures."""
        return replace(self, rate=figures.rate, p50_ms=figures.p50_ms, p99_ms=figures.p99_ms,
                       app_ms=app_ms, db_ms=db_ms, load=load, requests=figures.requests)

    @property
    def cpu_ms(self) -> float:
        """Return the CPU per request of the app and the database together."""
        return self.app_ms + (self.db_ms or 0.0)

    def row(self) -> str:
        """Return the cell as a line of the table."""
        db = "    ?" if self.db_ms is None else f"{self.db_ms:5.2f}"
        cpu = f"{self.app_ms:5.2f} + {db} = {self.cpu_ms:5.2f}"
        return (f"{self.page:9} {self.viewer:13} {self.handset:13} {self.connections:4d} "
                f"{self.rate:7.1f} {self.p50_ms:7.2f} {self.p99_ms:7.2f}   {cpu:30} "
                f"{self.load:5.2f}")


def print_table(cells: Iterable[Cell]) -> None:
    """Print every cell side by side, then the earlier figures to compare with."""
    print(_HEAD)
    for cell in cells:
        print(cell.row())
    print("\nearlier figures, same setup at concurrency 4 (req/s, p50, p99, CPU app + db):")
    for page, (rate, p50, p99, app, db) in EARLIER.items():
        print(f"  {page:19} {rate:5d} req/s {p50:5g} ms {p99:5g} ms {app:4g} + {db:4g} ms")


def _worst(cells: list[Cell], key: Callable[[Cell], float], highest: bool = True
           ) -> Cell | None:
    if not cells:
        return None
    return max(cells, key=key) if highest else min(cells, key=key)


def _line(ok: bool, goal: str, detail: str) -> None:
    print(f"{'PASS' if ok else 'MISS'}  {goal}: {detail}")


def print_goals(cells: list[Cell], sessions_before: int, sessions_after: int,
                top_pages: int | None = None) -> None:
    """Print each goal with PASS or MISS beside the figures it was judged on."""
    home = [cell for cell in cells if cell.page == "home"]
    by_key = {(c.page, c.viewer, c.handset, c.connections): c for c in cells}
    unknown = " (database CPU unknown: counted as 0)" if any(c.db_ms is None for c in home) else ""
    ratios = []
    for cell in home:
        if cell.viewer == "1000 friends":
            few = by_key.get(("home", "10 friends", cell.handset, cell.connections))
            if few is not None and few.cpu_ms:
                ratios.append((cell.cpu_ms / few.cpu_ms, cell, few))
    if ratios:
        ratio, hub, few = max(ratios, key=lambda found: found[0])
        _line(ratio <= CPU_RATIO, f"home CPU/request with 1000 friends within {CPU_RATIO}x of "
              f"10 friends", f"worst {ratio:.2f}x ({hub.cpu_ms:.2f} vs {few.cpu_ms:.2f} ms, "
              f"{hub.handset}, concurrency {hub.connections}){unknown}")
    costly = _worst(home, lambda cell: cell.cpu_ms)
    if costly is not None:
        _line(costly.cpu_ms < HOME_CPU_MS,
              f"home CPU/request under {HOME_CPU_MS:g} ms (app + stores)",
              f"worst {costly.app_ms:.2f} + {costly.db_ms or 0:.2f} = {costly.cpu_ms:.2f} ms "
              f"({costly.viewer}, {costly.handset}, concurrency {costly.connections}){unknown}")
    shares = []
    for cell in home:
        handset = by_key.get(("/handset", "visitor", cell.handset, cell.connections))
        if handset is not None and handset.rate:
            shares.append((cell.rate / handset.rate, cell, handset))
    if shares:
        share, slow, handset = min(shares, key=lambda found: found[0])
        _line(share >= HOME_SHARE, f"home at least {HOME_SHARE:g} of /handset's req/s",
              f"worst {share:.2f} ({slow.rate:.0f} vs {handset.rate:.0f} req/s, {slow.viewer}, "
              f"{slow.handset}, concurrency {slow.connections})")
    lowest = min((cell.connections for cell in home), default=P99_AT)
    at = P99_AT if any(cell.connections == P99_AT for cell in home) else lowest
    slowest = _worst([cell for cell in home if cell.connections == at], lambda c: c.p99_ms)
    if slowest is not None:
        _line(slowest.p99_ms < HOME_P99_MS, f"home p99 under {HOME_P99_MS:g} ms at concurrency "
              f"{at}", f"worst {slowest.p99_ms:.1f} ms ({slowest.viewer}, {slowest.handset})")
    top = (top_pages if top_pages is not None
           else sum(cell.requests for cell in cells if cell.page == "top"))
    _line(sessions_after == sessions_before, "a visitor's top page writes nothing",
          f"web_sessions {sessions_before:,} rows before, {sessions_after:,} after "
          f"{top:,} top pages")
