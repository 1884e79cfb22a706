"""The machine-readable report (--json): pages, findings and a summary, in UTF-8."""
from __future__ import annotations

import json
from pathlib import Path

from simulator.checker.run import Report


def json_text(report: Report) -> str:
    """Return the report as the --json file holds it: indented, Japanese left as it is."""
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"


def write_json(report: Report, path: str | Path) -> None:
    """Write the report as JSON to path (UTF-8)."""
    Path(path).write_text(json_text(report), encoding="utf-8")
