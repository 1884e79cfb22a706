"""User-Agent detection rate over the corpus: cold (every parse new) and cached."""
from __future__ import annotations

import json
import time
from pathlib import Path

import carriers

ROOT = Path(__file__).resolve().parents[1]
#: detections per second to reach: every parse new, and every one cached
COLD_GOAL = 150_000
CACHED_GOAL = 1_500_000
CORPUS = [ROOT / "tests/data/handsets/ua_corpus.json", ROOT / "tests/data/ua_extra.json"]


def load_requests() -> list[tuple[str, dict[str, str], str | None]]:
    """Return (User-Agent, headers, address) for every corpus entry found."""
    requests = []
    for path in CORPUS:
        if path.exists():
            data = json.loads(path.read_text())
            for item in data if isinstance(data, list) else data["entries"]:
                requests.append((item["user_agent"], item.get("headers") or {},
                                 item.get("remote_addr")))
    return requests


def rate(requests: list[tuple[str, dict[str, str], str | None]], cold: bool,
         rounds: int) -> float:
    """Return detections per second over the requests."""
    best = float("inf")
    for _ in range(rounds):
        if cold:
            carriers.clear_caches()
        start = time.perf_counter()
        for agent, headers, address in requests:
            carriers.detect(agent, headers, address)
        best = min(best, time.perf_counter() - start)
    return len(requests) / best


def main() -> None:
    """Print cold and cached detection rates."""
    requests = load_requests()
    distinct = len({agent for agent, _h, _a in requests})
    print(f"corpus: {len(requests)} requests, {distinct} distinct User-Agents")
    cold = rate(requests, cold=True, rounds=5)
    carriers.detect(*requests[0])
    cached = rate(requests, cold=False, rounds=20)
    print(f"  cold    {cold:10.0f} detections/s  ({1e6 / cold:6.1f}µs each)")
    print(f"  cached  {cached:10.0f} detections/s  ({1e6 / cached:6.1f}µs each)")
    print(f"goal: uncached >= {COLD_GOAL:,} detections/s: {verdict(cold >= COLD_GOAL)} "
          f"({cold:,.0f}/s)")
    print(f"goal: cached >= {CACHED_GOAL:,} detections/s: {verdict(cached >= CACHED_GOAL)} "
          f"({cached:,.0f}/s)")


def verdict(met: bool) -> str:
    """Return PASS or MISS."""
    return "PASS" if met else "MISS"


if __name__ == "__main__":
    main()
