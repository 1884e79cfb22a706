"""Fixtures: the wheel an operator would install, built from a copy of this checkout."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

#: the checkout
ROOT = Path(__file__).resolve().parents[2]
#: the top-level folders the wheel installs into site-packages
SHIPPED = ("keitai", "carriers", "emoji_maps", "simulator", "templates_chtml")
#: what a build leaves behind, and what is never part of the source
_NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "instance", "build", "*.egg-info",
                                     "__pycache__", "*.pyc", ".pytest_cache", ".hypothesis")


def pip(*args: str) -> subprocess.CompletedProcess[str]:
    """Run this interpreter's pip with the machine's own package index configuration."""
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    return subprocess.run([sys.executable, "-m", "pip", *args], capture_output=True, text=True,
                          env=env, timeout=300, check=False)


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel from a copy of the checkout, as `pip wheel .` would for an operator.

    A copy, so the build's build/ and egg-info never land in the checkout under other tests.
    """
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=_NOT_SOURCE)
    built = pip("wheel", "--no-deps", "--quiet", "--wheel-dir", str(work / "dist"), str(source))
    assert built.returncode == 0, built.stdout + built.stderr
    [path] = (work / "dist").glob("keitai-*.whl")
    return path


@pytest.fixture(scope="session")
def wheel_names(wheel: Path) -> set[str]:
    """Give the names of the files in the wheel."""
    with zipfile.ZipFile(wheel) as archive:
        return {name for name in archive.namelist() if not name.endswith("/")}
