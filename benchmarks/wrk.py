"""Drive wrk (Debian's `wrk`): a Lua script per target, and its figures read back.

The script sets the handset's headers, checks every response (status 200, and a marker the
page must hold: a session that fell back to the top page still answers 200) and writes one
line of figures when wrk is done, with the exact percentiles of wrk's latency histogram.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: the line the script's done() writes; parse() reads it back
_FIGURES = re.compile(
    r"^keitai-figures requests=(?P<requests>\d+) duration_us=(?P<duration>\d+)"
    r" p50_us=(?P<p50>\d+) p99_us=(?P<p99>\d+) bad_status=(?P<bad>\d+)"
    r" first_bad=(?P<first_bad>\d+) missing=(?P<missing>\d+) connect=(?P<connect>\d+)"
    r" read=(?P<read>\d+) write=(?P<write>\d+) timeout=(?P<timeout>\d+)$", re.M)

_SCRIPT = """\
-- written by benchmarks/wrk.py: headers, a check of every response, figures when done
wrk.method = "GET"
{headers}
local marker = {marker}
local threads = {{}}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad, first_bad, missing = 0, 0, 0
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    if first_bad == 0 then first_bad = status end
  elseif not string.find(body, marker, 1, true) then
    missing = missing + 1
  end
end

function done(summary, latency, requests)
  local b, f, m = 0, 0, 0
  for _, thread in ipairs(threads) do
    b = b + thread:get("bad")
    m = m + thread:get("missing")
    if f == 0 then f = thread:get("first_bad") end
  end
  local e = summary.errors
  io.write(string.format(
    "keitai-figures requests=%d duration_us=%d p50_us=%d p99_us=%d bad_status=%d" ..
    " first_bad=%d missing=%d connect=%d read=%d write=%d timeout=%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    b, f, m, e.connect, e.read, e.write, e.timeout))
end
"""


@dataclass(frozen=True)
class Figures:
    """What one wrk run measured."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    #: responses whose status was not 200, and the first such status
    bad_status: int
    first_bad: int
    #: 200 responses without the page's marker
    missing: int
    #: connect, read, write and timeout errors
    socket_errors: int

    @property
    def rate(self) -> float:
        """Return the requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0


def lua_string(data: bytes) -> str:
    """Return a Lua string literal of exactly these bytes (every byte escaped, so that any
    charset, Shift_JIS included, goes through untouched)."""
    return '"' + "".join(f"\\{byte:03d}" for byte in data) + '"'


def script(headers: Mapping[str, str], marker: bytes) -> str:
    """Return the Lua script that sends headers and checks each page for marker."""
    lines = "\n".join(f"wrk.headers[{lua_string(name.encode('latin-1'))}] = "
                      f"{lua_string(value.encode('latin-1'))}" for name, value in headers.items())
    return _SCRIPT.format(headers=lines, marker=lua_string(marker))


def parse(output: str) -> Figures:
    """Read the figures line out of wrk's output."""
    found = _FIGURES.search(output)
    if found is None:
        raise ValueError(f"no figures in wrk's output:\n{output}")
    value = {name: int(number) for name, number in found.groupdict().items()}
    return Figures(
        requests=value["requests"], seconds=value["duration"] / 1e6,
        p50_ms=value["p50"] / 1000, p99_ms=value["p99"] / 1000, bad_status=value["bad"],
        first_bad=value["first_bad"], missing=value["missing"],
        socket_errors=sum(value[name] for name in ("connect", "read", "write", "timeout")))


def installed() -> bool:
    """Tell whether wrk is on the PATH."""
    return shutil.which("wrk") is not None


def run(url: str, headers: Mapping[str, str], marker: bytes, connections: int,
        seconds: float, folder: Path) -> Figures:
    """Load url with wrk (one thread, `connections` connections) for `seconds`."""
    path = folder / "wrk.lua"
    path.write_text(script(headers, marker), encoding="ascii")
    result = subprocess.run(
        ["wrk", "--threads", "1", "--connections", str(connections), "--duration",
         f"{max(1, round(seconds))}s", "--timeout", "10s", "--latency", "--script", str(path),
         url], capture_output=True, text=True, timeout=seconds + 60, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr}{result.stdout}")
    return parse(result.stdout)
