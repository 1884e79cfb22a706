"""Settings that make production safe by default: one shared secret key, Secure cookies."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from keitai import create_app
from tests.accounts.conftest import log_in

ROOT = Path(__file__).resolve().parents[2]


def import_wsgi(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Import the production entry point in a fresh process with only these settings."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KEITAI_")}
    clean.update(KEITAI_INSTANCE_DIR=str(tmp_path), **env)
    return subprocess.run([sys.executable, "-c", "import keitai.wsgi"], cwd=ROOT, env=clean,
                          capture_output=True, text=True, timeout=60)


def test_the_production_entry_point_refuses_to_start_without_a_secret_key(tmp_path) -> None:
    result = import_wsgi(tmp_path)
    assert result.returncode != 0
    assert "KEITAI_SECRET_KEY is not set" in result.stderr
    assert not (tmp_path / "secret_key").exists()  # no key of its own was made up


def test_the_production_entry_point_starts_with_a_secret_key(tmp_path) -> None:
    result = import_wsgi(tmp_path, KEITAI_SECRET_KEY="a-long-shared-random-value",
                         KEITAI_DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("base_url", "setting", "secure"), [
    ("https://keitai.example", None, True), ("http://keitai.example", None, False),
    ("https://keitai.example", "0", False), ("http://keitai.example", "1", True),
])
def test_cookies_are_secure_when_the_site_is_https(monkeypatch, database_url, base_url: str,
                                                   setting: str | None, secure: bool) -> None:
    monkeypatch.setenv("KEITAI_BASE_URL", base_url)
    if setting is None:
        monkeypatch.delenv("KEITAI_COOKIE_SECURE", raising=False)
    else:
        monkeypatch.setenv("KEITAI_COOKIE_SECURE", setting)
    app = create_app({"DATABASE_URL": database_url, "TESTING": True})
    assert app.config["COOKIE_SECURE"] is secure


def test_the_login_cookie_of_an_https_site_is_secure(app, handset, create_member) -> None:
    app.config["COOKIE_SECURE"] = None
    app.config["BASE_URL"] = "https://keitai.test"
    from keitai.config import finish

    finish(app.config)
    create_member(email="taro@example.com")
    pc = handset("pc-Firefox")
    pc.extra_environ["wsgi.url_scheme"] = "https"
    done = log_in(pc, "taro@example.com")
    cookie = next(v for k, v in done.headerlist if k == "Set-Cookie" and "ksid" in v)
    assert "Secure" in cookie and "HttpOnly" in cookie
