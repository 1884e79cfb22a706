"""An operator's install has no simulator: the site's commands and the WSGI app never import it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from keitai import migrations
from keitai.cli import SIMULATOR_MISSING
from tests.packaging.conftest import ROOT

#: runs first in each process: any import of the simulator or its mailbox server fails, as
#: it would without the extra, and is written down, with what got loaded, when the process ends
_WITHOUT_SIMULATOR = """
import atexit, json, os, sys
ABSENT = ("simulator", "aiosmtpd")
attempts = []
class Absent:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name.split(".")[0] in ABSENT:
            attempts.append(name)
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, Absent)
def report():
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in ABSENT and sys.modules[m])
    with open(os.environ["IMPORT_REPORT"], "w") as out:
        json.dump({"attempts": attempts, "loaded": loaded}, out)
atexit.register(report)
"""
_KEITAI = _WITHOUT_SIMULATOR + "from keitai.cli import main\nmain()\n"
#: `keitai serve` up to the point where it would start listening
_SERVE = (_WITHOUT_SIMULATOR + "import werkzeug.serving\n"
          "werkzeug.serving.run_simple = lambda host, port, app, **options: app\n"
          "from keitai.cli import main\nmain()\n")

OPERATOR_RUNS = {
    "keitai db upgrade": (_KEITAI, ["db", "upgrade"], None),
    "keitai db purge-sessions": (_KEITAI, ["db", "purge-sessions"], None),
    "keitai create-member": (_KEITAI, ["create-member", "op@example.com", "--nickname", "運営",
                                       "--password-stdin"], "sakura-2004\n"),
    "keitai seed": (_KEITAI, ["seed", "--members", "2", "--diaries", "1"], None),
    "keitai serve": (_SERVE, ["serve"], None),
    "keitai worker --once": (_KEITAI, ["worker", "--once"], None),
    "gunicorn keitai.wsgi:app": (_WITHOUT_SIMULATOR + "import keitai.wsgi\n", [], None),
}


def _run(code: str, args: list[str], stdin: str | None,
         tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, list[str]]]:
    """Run python code as the operator would, on a SQLite file; return what it imported."""
    url = f"sqlite:///{tmp_path / 'keitai.sqlite3'}"
    migrations.upgrade(url)
    report = tmp_path / "imports.json"
    env = {**os.environ, "KEITAI_DATABASE_URL": url, "KEITAI_SECRET_KEY": "operator-secret",
           "KEITAI_INSTANCE_DIR": str(tmp_path / "instance"), "IMPORT_REPORT": str(report),
           "KEITAI_ARGON2_TIME_COST": "1", "KEITAI_ARGON2_MEMORY_KIB": "1024",
           "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", code, *args], input=stdin, env=env,
                         cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    return run, json.loads(report.read_text())


@pytest.mark.parametrize("command", OPERATOR_RUNS)
def test_the_site_runs_without_importing_the_simulator(command: str, tmp_path: Path) -> None:
    code, args, stdin = OPERATOR_RUNS[command]
    run, imports = _run(code, args, stdin, tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert imports == {"attempts": [], "loaded": []}


@pytest.mark.parametrize("args", [["demo"], ["simulate", "--port", "8101"],
                                  ["simulate", "replay", "script.txt"], ["mailbox"]])
def test_a_simulator_command_without_the_extra_says_how_to_install_it(
        args: list[str], tmp_path: Path) -> None:
    run, imports = _run(_KEITAI, args, None, tmp_path)
    assert run.returncode == 1
    assert run.stderr.strip() == f"Error: {SIMULATOR_MISSING}"
    assert 'pip install "keitai[simulator]"' in SIMULATOR_MISSING
    assert imports["loaded"] == []
    assert not (tmp_path / "instance").exists()  # refused before touching the database


def test_keitai_help_without_the_extra_lists_the_simulator_with_the_hint(tmp_path: Path) -> None:
    run, imports = _run(_KEITAI, ["--help"], None, tmp_path)
    assert run.returncode == 0, run.stderr
    [line] = [line for line in run.stdout.splitlines() if line.strip().startswith("simulate")]
    assert "not installed" in line
    assert "db" in run.stdout and "serve" in run.stdout
    assert imports["loaded"] == []


def test_the_checker_runs_without_the_simulators_extra(tmp_path: Path) -> None:
    """A reviewer's plain install (no aiosmtpd) checks a site; an unreachable one exits 2."""
    code = _WITHOUT_SIMULATOR.replace('ABSENT = ("simulator", "aiosmtpd")',
                                      'ABSENT = ("aiosmtpd",)') + _KEITAI.removeprefix(
        _WITHOUT_SIMULATOR)
    run, imports = _run(code, ["check", "http://127.0.0.1:9/", "--handset", "docomo-P903i"],
                        None, tmp_path)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "could not be reached" in run.stderr
    assert imports["attempts"] == [] and imports["loaded"] == []
