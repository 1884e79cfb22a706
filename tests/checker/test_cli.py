"""`keitai check` over real HTTP: exit status, JSON, report, --fail-on, --handset, --login."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from keitai.cli import main
from simulator.server import ServerThread
from tests.checker.crawlsite import EMAIL, PASSWORD, create_crawl_site
from tests.checker.site import FixtureSite, all_pages


@pytest.fixture(scope="module")
def fixture_server() -> Iterator[str]:
    """Serve the whole fixture site (every rule broken somewhere) on a free port."""
    server = ServerThread(FixtureSite(), quiet=True).start()
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def clean_server() -> Iterator[str]:
    """Serve only the fixture site's control pages (nothing to find)."""
    controls = [p for p in all_pages() if not p.expect and p.path in ("/", "/plain")]
    server = ServerThread(FixtureSite(controls), quiet=True).start()
    yield server.url
    server.stop()


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *args], input=stdin)
    return result.exit_code, result.output


def test_a_clean_site_exits_0_and_writes_json_in_the_issues_shape(clean_server: str,
                                                                  tmp_path: Path) -> None:
    code, output = run(clean_server + "/", "--handset", "docomo-N505i", "--handset",
                       "au-W53CA", "--json", str(tmp_path / "out.json"))
    assert code == 0, output
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert set(data) == {"pages", "findings", "summary"}
    assert data["findings"] == []
    assert {p["handset"] for p in data["pages"]} == {"docomo-N505i", "au-W53CA"}
    page = data["pages"][0]
    assert {"url", "handset", "status", "bytes", "limit", "content_type"} <= set(page)
    assert page["status"] == 200 and page["limit"] == 20480
    assert "no findings" in output


def test_errors_exit_1_and_each_finding_has_the_issues_fields(fixture_server: str,
                                                              tmp_path: Path) -> None:
    code, output = run(fixture_server + "/size/6k", "--handset", "docomo-D501i",
                       "--max-pages", "1", "--json", str(tmp_path / "out.json"),
                       "--report", str(tmp_path / "report.html"))
    assert code == 1, output
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    [finding] = [f for f in data["findings"] if f["rule"] == "size.limit"]
    assert set(finding) == {"url", "handset", "rule", "severity", "message", "excerpt"}
    assert finding["severity"] == "error" and finding["handset"] == "docomo-D501i"
    assert "size.limit" in (tmp_path / "report.html").read_text(encoding="utf-8")


def test_fail_on_warning_counts_warnings(fixture_server: str) -> None:
    warning_only = "/nav/dead-end"
    assert run(fixture_server + warning_only, "--handset", "docomo-P903i", "--max-pages",
               "1")[0] == 0
    assert run(fixture_server + warning_only, "--handset", "docomo-P903i", "--max-pages", "1",
               "--fail-on", "warning")[0] == 1


def test_an_unreachable_site_exits_2() -> None:
    code, output = run("http://127.0.0.1:9/", "--handset", "docomo-P903i")
    assert code == 2
    assert "could not be reached" in output


def test_an_unknown_handset_is_named_with_the_known_ones(clean_server: str) -> None:
    code, output = run(clean_server + "/", "--handset", "docomo-X999")
    assert code == 2  # a usage error
    assert "docomo-X999" in output and "docomo-N505i" in output


def test_login_reads_the_password_from_stdin_and_a_refused_login_fails() -> None:
    site = create_crawl_site(deep=1)
    server = ServerThread(site.app, quiet=True).start()
    try:
        code, output = run(server.url + "/", "--handset", "au-W53CA", "--login", EMAIL,
                           "--password-stdin", stdin=PASSWORD + "\n")
        assert code == 0, output
        assert "/private" in [h.path for h in site.hits]
        code, output = run(server.url + "/", "--handset", "au-W53CA", "--login", EMAIL,
                           "--password-stdin", stdin="wrong\n")
        assert code == 1
        assert "did not accept the login" in output
    finally:
        server.stop()
