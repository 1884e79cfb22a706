"""`keitai simulate replay FILE --target URL` against a live app."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask

from keitai.cli import main
from simulator.server import ServerThread

SCRIPT = Path(__file__).with_name("scripts") / "handset_page.txt"


@pytest.fixture()
def live_app(app: Flask) -> Iterator[str]:
    """Serve the app on a free port of 127.0.0.1."""
    server = ServerThread(app, quiet=True).start()
    yield server.url
    server.stop()


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["simulate", *args])
    return result.exit_code, result.output


def test_a_script_replays_against_a_live_site(live_app: str, tmp_path: Path) -> None:
    code, output = run("replay", str(SCRIPT), "--target", live_app,
                       "--data-dir", str(tmp_path), "--mailbox-dir", str(tmp_path / "mail"))
    assert code == 0, output
    assert "ok    6  key 5  (200 " in output
    assert output.rstrip().endswith("17 steps passed")


def test_a_failing_script_exits_with_the_line_that_failed(live_app: str, tmp_path: Path) -> None:
    script = tmp_path / "fails.txt"
    script.write_text("handset softbank-930SH\nopen /handset\nexpect 機種: 920SH\n",
                      encoding="utf-8")
    code, output = run("replay", str(script), "--target", live_app, "--data-dir", str(tmp_path))
    assert code == 1
    assert "ok    2  open /handset" in output
    assert "Error: line 3: expect" in output and "機種: 930SH" in output


def test_the_replay_uses_the_testers_edited_handsets(live_app: str, tmp_path: Path) -> None:
    (tmp_path / "profiles.json").write_text(
        '[{"name": "mine", "label": "mine", "user_agent": "DoCoMo/2.0 SH905i(c100;TB;W24H16)"}]',
        encoding="utf-8")
    script = tmp_path / "mine.txt"
    script.write_text("handset mine\nopen /handset\nexpect 機種: SH905i\n", encoding="utf-8")
    code, output = run("replay", str(script), "--target", live_app, "--data-dir", str(tmp_path))
    assert code == 0, output
