"""CPU time of processes, read from /proc (Linux): what a run cost the app and the database."""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

PROC = Path("/proc")
#: clock ticks per second, the unit of utime and stime in /proc/<pid>/stat
TICKS = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid: int) -> list[str] | None:
    """Return the fields of /proc/<pid>/stat after the command name, or None when gone."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    # the command name (field 2) is in parentheses and may hold spaces or ")"
    return text[text.rindex(")") + 2:].split()


def cpu_seconds(pid: int) -> float | None:
    """Return the user and system CPU seconds the process used so far (None when gone)."""
    fields = _stat_fields(pid)
    if fields is None:
        return None
    # fields 14 and 15 of stat (utime, stime); this list starts at field 3
    return (int(fields[11]) + int(fields[12])) / TICKS


def children_of(parent: int) -> list[int]:
    """Return the pids whose parent is `parent` (gunicorn's workers, for its master)."""
    found = []
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            fields = _stat_fields(int(entry.name))
            if fields is not None and int(fields[1]) == parent:
                found.append(int(entry.name))
    return sorted(found)


def snapshot(pids: Iterable[int]) -> dict[int, float]:
    """Return the CPU seconds of each process that is still there."""
    taken = {}
    for pid in pids:
        seconds = cpu_seconds(pid)
        if seconds is not None:
            taken[pid] = seconds
    return taken


def used(before: dict[int, float], after: dict[int, float]) -> float:
    """Return the CPU seconds used between two snapshots (a process new since before counts
    from zero; one that ended in between is lost, so keep processes alive across a run)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())
