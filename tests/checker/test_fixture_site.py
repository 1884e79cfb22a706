"""Each fixture page breaks exactly the rules it names, for exactly the handsets it names:
the checker must find those, for those handsets, and nothing else (the controls: nothing)."""
from __future__ import annotations

from pathlib import Path

import pytest

from simulator.checker.rules import REGISTRY
from tests.checker.conftest import CheckOne
from tests.checker.site import ALL, PROFILES, FixturePage, all_pages

PAGES = all_pages()


@pytest.mark.parametrize("page", PAGES, ids=[p.path for p in PAGES])
def test_the_checker_finds_exactly_what_the_page_breaks(page: FixturePage,
                                                        check_one: CheckOne) -> None:
    wrong: dict[str, tuple[set[str], set[str]]] = {}
    for profile in PROFILES:
        findings = check_one(profile, page.path)
        found = {f.rule for f in findings}
        if found != page.expected(profile.name):
            wrong[profile.name] = (found, page.expected(profile.name))
    assert not wrong, "\n".join(f"{name}: found {found}, expected {expected}"
                                for name, (found, expected) in wrong.items())


def test_every_rule_is_broken_by_some_fixture_page() -> None:
    broken = {rule for page in PAGES for rule in page.expect}
    assert set(REGISTRY) - broken == set()


def test_fixture_expectations_name_real_rules_and_handsets() -> None:
    for page in PAGES:
        assert set(page.expect) <= set(REGISTRY), page.path
        for names in page.expect.values():
            assert names and names <= ALL, page.path


def test_there_are_control_pages_with_nothing_to_find() -> None:
    assert sum(1 for p in PAGES if not p.expect) >= 2


def test_readme_lists_every_rule() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert [rule for rule in REGISTRY if f"| `{rule}` |" not in readme] == []
