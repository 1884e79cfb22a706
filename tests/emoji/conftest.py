"""Fixtures for the emoji tests."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).parents[2]


@pytest.fixture(scope="session")
def e4u_source() -> Path:
    """Give google/emoji4unicode's data directory: EMOJI4UNICODE_DIR, else the bundled copy."""
    default = REPO / "tests" / "data" / "emoji4unicode"
    path = Path(os.environ.get("EMOJI4UNICODE_DIR", default))
    assert (path / "emoji4unicode.xml").is_file(), f"emoji4unicode data not found in {path}"
    return path
