"""Every demo page sends every kind of handset the bytes recorded in handset_pages.json.

What a handset receives changes only on purpose: the PC and smartphone layout (the html5
family) must leave every handset page as it was, byte for byte. A deliberate change to
handset pages remakes the file (`python -m tests.handset_bytes.pages`) in the same commit,
with a test of its own for what it changes.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.handset_bytes.pages import (
    HANDSETS,
    SNAPSHOT,
    handset_prints,
    normalized,
    page_key,
    seeded_demo,
)

RECORDED: dict[str, dict[str, str]] = json.loads(SNAPSHOT.read_text())


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seed the demo once, at the standing clock; every handset crawls a copy of it."""
    return seeded_demo(tmp_path_factory.mktemp("handset-bytes"))


def test_every_fingerprinted_handset_is_recorded() -> None:
    assert set(RECORDED) == set(HANDSETS)
    # every handset's crawl reaches the member's pages and the visitor's, not just a few
    assert all(len(pages) >= 150 for pages in RECORDED.values()), \
        {name: len(pages) for name, pages in RECORDED.items()}


def test_the_secrets_of_a_session_are_the_only_bytes_left_out() -> None:
    page = (b'<a href="/home?guid=ON&amp;ksid=abc123">x</a><input type="hidden" '
            b'name="csrf_token" value="s3cr3t" /><input type="hidden" name="k" value="K1" />'
            b'<img src="/photos/0123456789abcdef0123456789abcdef/jpeg-240.jpg?v=1.2.ab" />'
            b'<a href="/diary/5?page=2">2</a>')
    assert normalized(page) == (
        b'<a href="/home?guid=ON&amp;ksid=SECRET">x</a><input type="hidden" '
        b'name="csrf_token" value="SECRET" /><input type="hidden" name="k" value="SECRET" />'
        b'<img src="/photos/FILE/jpeg-240.jpg?v=V" /><a href="/diary/5?page=2">2</a>')
    assert page_key("http://keitai.test/diary/5?ksid=abc&page=2&guid=ON&pp=2") == \
        "/diary/5?page=2&pp=2"


@pytest.mark.parametrize("name", HANDSETS)
def test_every_demo_page_sends_the_recorded_bytes(demo: Path, tmp_path: Path,
                                                  name: str) -> None:
    now = handset_prints(demo, tmp_path, name)
    before = RECORDED[name]
    changed = sorted(key for key in before.keys() & now.keys() if before[key] != now[key])
    assert not changed, f"{name}: these pages send other bytes than recorded: {changed}"
    assert now.keys() == before.keys(), (
        f"{name}: pages no longer reached {sorted(before.keys() - now.keys())}, "
        f"pages new {sorted(now.keys() - before.keys())}")
