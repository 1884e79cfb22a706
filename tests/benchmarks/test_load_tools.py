"""The load benchmark reads wrk's figures and the CPU of processes correctly."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pytest

from benchmarks import proc_cpu, wrk
from benchmarks.load_report import Cell

#: what wrk 4.1 prints with the benchmark's script (a real run, against a page that was there)
OUTPUT = """\
Running 1s test @ http://127.0.0.1:8097/index.html
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.39ms    2.67ms  25.12ms   87.82%
    Req/Sec     1.02k   210.01     1.31k    70.00%
  Latency Distribution
     50%    1.31ms
     75%    3.02ms
     90%    5.45ms
     99%   13.24ms
  1016 requests in 1.01s, 196.45KB read
Requests/sec:   1010.06
Transfer/sec:    195.31KB
keitai-figures requests=1016 duration_us=1005878 p50_us=1314 p99_us=13237 bad_status=0\
 first_bad=0 missing=0 connect=0 read=2 write=0 timeout=1
"""


def test_wrk_figures_are_read_from_the_scripts_line() -> None:
    figures = wrk.parse(OUTPUT)
    assert (figures.requests, figures.p50_ms, figures.p99_ms) == (1016, 1.314, 13.237)
    assert figures.rate == pytest.approx(1010.06, abs=0.01)
    assert (figures.bad_status, figures.missing, figures.socket_errors) == (0, 0, 3)


def test_responses_that_were_not_200_are_counted_with_the_first_status() -> None:
    line = ("keitai-figures requests=862 duration_us=1001252 p50_us=1353 p99_us=46344"
            " bad_status=862 first_bad=404 missing=0 connect=0 read=0 write=0 timeout=0")
    figures = wrk.parse(line)
    assert (figures.bad_status, figures.first_bad) == (862, 404)


def test_output_without_the_figures_line_is_an_error() -> None:
    with pytest.raises(ValueError):
        wrk.parse(OUTPUT.split("keitai-figures")[0])


def test_a_lua_string_carries_any_bytes_shift_jis_included() -> None:
    data = "マイミク\"\\\n".encode("cp932") + bytes(range(256))
    literal = wrk.lua_string(data)
    assert literal.isascii() and literal[0] == literal[-1] == '"'
    decoded = bytes(int(code) for code in re.findall(r"\\(\d{3})", literal[1:-1]))
    assert decoded == data and len(literal) == 2 + 4 * len(data)


def test_the_script_sets_every_header_and_looks_for_the_marker() -> None:
    script = wrk.script({"User-Agent": "DoCoMo/2.0 P903i", "X-DCMGUID": "AbC"}, b"/diary/new")
    assert script.count("wrk.headers[") == 2
    assert f"local marker = {wrk.lua_string(b'/diary/new')}" in script
    assert wrk.lua_string(b"DoCoMo/2.0 P903i") in script


def test_cpu_seconds_grow_with_the_work_a_process_does() -> None:
    before = proc_cpu.cpu_seconds(os.getpid())
    started = time.process_time()
    while time.process_time() - started < 0.1:  # burn CPU, not wall time
        sum(range(1000))
    after = proc_cpu.cpu_seconds(os.getpid())
    assert before is not None and after is not None
    assert after - before >= 0.05


def test_children_are_found_by_parent_and_a_process_gone_reads_none() -> None:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert child.pid in proc_cpu.children_of(os.getpid())
    finally:
        child.kill()
        child.wait()
    assert proc_cpu.cpu_seconds(child.pid) is None


def test_used_counts_a_process_new_since_the_first_snapshot_from_zero() -> None:
    assert proc_cpu.used({1: 2.0}, {1: 2.5, 2: 0.25}) == pytest.approx(0.75)


def test_a_cell_adds_the_app_and_database_cpu() -> None:
    figures = wrk.parse(OUTPUT)
    cell = Cell("home", "10 friends", "au W53CA", 4).measured(figures, 3.0, 0.5, 1.0)
    assert cell.cpu_ms == 3.5 and cell.requests == 1016
    assert "3.00 +  0.50 =  3.50" in cell.row()
