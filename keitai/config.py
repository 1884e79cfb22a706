"""Configuration: every setting comes from the environment, with a default."""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

#: the folder beside the checkout that holds the SQLite file and the generated secret key
INSTANCE_DIR = Path(os.environ.get("KEITAI_INSTANCE_DIR", Path.cwd() / "instance"))


def _list(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def _secret_key() -> str:
    """Return KEITAI_SECRET_KEY, or a key generated once and kept in the instance folder."""
    key = os.environ.get("KEITAI_SECRET_KEY")
    if key:
        return key
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def from_environment() -> dict[str, Any]:
    """Read the KEITAI_* variables into a Flask config mapping."""
    env = os.environ.get
    default_db = f"sqlite:///{INSTANCE_DIR / 'keitai.sqlite3'}"
    return {
        "SECRET_KEY": _secret_key(),
        "DATABASE_URL": env("KEITAI_DATABASE_URL", default_db),
        "TRUSTED_PROXIES": _list(env("KEITAI_TRUSTED_PROXIES")),
        "ALLOWED_HOSTS": _list(env("KEITAI_ALLOWED_HOSTS")),
        "SESSION_IDLE_SECONDS": int(env("KEITAI_SESSION_IDLE_SECONDS", "1800")),
        "SESSION_MAX_SECONDS": int(env("KEITAI_SESSION_MAX_SECONDS", str(14 * 24 * 3600))),
        "COOKIE_SECURE": env("KEITAI_COOKIE_SECURE", "0") == "1",
        "MAX_FORM_BYTES": int(env("KEITAI_MAX_FORM_BYTES", str(64 * 1024))),
        "MAX_CONTENT_LENGTH": int(env("KEITAI_MAX_UPLOAD_BYTES", str(5 * 1024 * 1024))),
        "GATEWAY_HOOKS": env("KEITAI_GATEWAY_HOOKS", "1") == "1",
        "SITE_NAME": env("KEITAI_SITE_NAME", "けいたいSNS"),
    }
