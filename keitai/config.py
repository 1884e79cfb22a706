"""Configuration: every setting comes from the environment, with a default."""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from carriers.page_sizes import parse_split_bytes

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


class MissingSecretKey(RuntimeError):
    """The production entry point was started without KEITAI_SECRET_KEY."""


def require_secret_key() -> None:
    """Refuse to go on without KEITAI_SECRET_KEY (the production entry point calls this).

    Every app server must share one key: easy-login registrations and rate-limit counters are
    keyed hashes made with it, and a key generated per server would differ between them.
    """
    if not os.environ.get("KEITAI_SECRET_KEY", "").strip():
        raise MissingSecretKey(
            "KEITAI_SECRET_KEY is not set. Set it to the same long random value on every app "
            "server, e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(48))'")


def _cookie_secure(env: Any) -> bool | None:
    """Return KEITAI_COOKIE_SECURE as a bool, or None to follow the site's scheme."""
    configured = env("KEITAI_COOKIE_SECURE")
    if configured is None or not configured.strip():
        return None
    return bool(configured.strip() == "1")


def finish(config: dict[str, Any]) -> None:
    """Fill in the settings that follow from others, once the app's config is complete."""
    if config.get("COOKIE_SECURE") is None:  # Secure by default on an https site
        config["COOKIE_SECURE"] = str(config["BASE_URL"]).lower().startswith("https://")


def from_environment() -> dict[str, Any]:
    """Read the KEITAI_* variables into a Flask config mapping."""
    env = os.environ.get
    default_db = f"sqlite:///{INSTANCE_DIR / 'keitai.sqlite3'}"
    return {
        "SECRET_KEY": _secret_key(),
        "DATABASE_URL": env("KEITAI_DATABASE_URL", default_db),
        #: a read replica for reads that tolerate lag (feeds, lists); none by default
        "DATABASE_REPLICA_URL": env("KEITAI_DATABASE_REPLICA_URL") or None,
        #: how long a member who wrote reads from the primary (longer than the replica lags)
        "REPLICA_LAG_SECONDS": int(env("KEITAI_REPLICA_LAG_SECONDS", "10")),
        "TRUSTED_PROXIES": _list(env("KEITAI_TRUSTED_PROXIES")),
        "ALLOWED_HOSTS": _list(env("KEITAI_ALLOWED_HOSTS")),
        "SESSION_IDLE_SECONDS": int(env("KEITAI_SESSION_IDLE_SECONDS", "1800")),
        "SESSION_MAX_SECONDS": int(env("KEITAI_SESSION_MAX_SECONDS", str(14 * 24 * 3600))),
        "COOKIE_SECURE": _cookie_secure(env),
        "MAX_FORM_BYTES": int(env("KEITAI_MAX_FORM_BYTES", str(64 * 1024))),
        "MAX_CONTENT_LENGTH": int(env("KEITAI_MAX_UPLOAD_BYTES", str(5 * 1024 * 1024))),
        "GATEWAY_HOOKS": env("KEITAI_GATEWAY_HOOKS", "1") == "1",
        #: the comfortable size of a part of a long page by markup family, in bytes
        #: ("chtml=3072,ixhtml=6144,..." over carriers.page_sizes.DEFAULT_SPLIT_BYTES)
        "SPLIT_BYTES": parse_split_bytes(env("KEITAI_SPLIT_BYTES")),
        "SITE_NAME": env("KEITAI_SITE_NAME", "けいたいSNS"),
        "FRIEND_LIMIT": int(env("KEITAI_FRIEND_LIMIT", "1000")),
        #: `keitai demo` sets it: the top page links to a page listing the demo's logins
        "DEMO": env("KEITAI_DEMO", "0") == "1",
        **_membership(env),
        #: posting by mail: m-<token>@ this domain; the largest mail; mails per member an hour
        "MAIL_IN_DOMAIN": env("KEITAI_MAIL_IN_DOMAIN", "post.localhost").strip().lower(),
        "MAIL_IN_MAX_BYTES": int(env("KEITAI_MAIL_IN_MAX_BYTES", str(10 * 1024 * 1024))),
        "MAIL_IN_PER_HOUR": int(env("KEITAI_MAIL_IN_PER_HOUR", "20")),
        **_jobs(env),
        #: videos (premium): the largest upload, the quota a member, the longest upload, and
        #: the ffmpeg and ffprobe programs with the most seconds one run may take
        "VIDEO_MAX_BYTES": int(env("KEITAI_VIDEO_MAX_BYTES", str(20 * 1024 * 1024))),
        "VIDEO_QUOTA_COUNT": int(env("KEITAI_VIDEO_QUOTA_COUNT", "100")),
        "VIDEO_QUOTA_BYTES": int(env("KEITAI_VIDEO_QUOTA_BYTES", str(500 * 1024 * 1024))),
        "VIDEO_MAX_SECONDS": float(env("KEITAI_VIDEO_MAX_SECONDS", "180")),
        "FFMPEG": env("KEITAI_FFMPEG", "ffmpeg"),
        "FFPROBE": env("KEITAI_FFPROBE", "ffprobe"),
        "FFMPEG_TIMEOUT": float(env("KEITAI_FFMPEG_TIMEOUT", "300")),
        **_trust(env),
        **_culture(env),
        **_redis(env),
    }


def _culture(env: Any) -> dict[str, Any]:
    """Read the settings of news, members' blogs, reviews and music."""
    return {
        #: fetching a feed (news, members' blogs): the largest body, the longest fetch, the
        #: most redirects followed
        "FETCH_MAX_BYTES": int(env("KEITAI_FETCH_MAX_BYTES", str(2 * 1024 * 1024))),
        "FETCH_TIMEOUT_SECONDS": float(env("KEITAI_FETCH_TIMEOUT_SECONDS", "10")),
        "FETCH_MAX_REDIRECTS": int(env("KEITAI_FETCH_MAX_REDIRECTS", "3")),
        #: for tests only, never from the environment: "ip:port" pairs (literal IP addresses)
        #: the fetcher may reach although loopback or private (the tests' feed server)
        "FETCH_ALLOW_FOR_TESTS": [],
        #: news feeds are fetched this often; news items are kept this long
        "NEWS_FETCH_MINUTES": float(env("KEITAI_NEWS_FETCH_MINUTES", "15")),
        "NEWS_KEEP_DAYS": int(env("KEITAI_NEWS_KEEP_DAYS", "30")),
        #: members' blogs are fetched this often; one failing this many times in a row pauses
        "BLOG_FETCH_MINUTES": float(env("KEITAI_BLOG_FETCH_MINUTES", "30")),
        "BLOG_MAX_FAILURES": int(env("KEITAI_BLOG_MAX_FAILURES", "5")),
        #: a review item's shop link, e.g. "https://shop.example/isbn/{isbn}"; None: no link
        "AFFILIATE_TEMPLATE": env("KEITAI_AFFILIATE_TEMPLATE") or None,
        #: plays a member's player may submit an hour; rankings are recomputed this often
        "PLAYS_PER_HOUR": int(env("KEITAI_PLAYS_PER_HOUR", "120")),
        "MUSIC_RANKING_MINUTES": float(env("KEITAI_MUSIC_RANKING_MINUTES", "10")),
    }


def _trust(env: Any) -> dict[str, Any]:
    """Read the settings of notices by mail and of the operators' console."""
    return {
        #: notices by mail: at most one mail of a kind a member per this many minutes (the
        #: rest wait and go together as one digest), and at most this many mails a day
        "NOTICE_BATCH_MINUTES": float(env("KEITAI_NOTICE_BATCH_MINUTES", "30")),
        "NOTICE_DAILY_CAP": int(env("KEITAI_NOTICE_DAILY_CAP", "20")),
        #: the operators' console answers only clients in these networks (CIDR); none: closed
        "ADMIN_NETWORKS": _list(env("KEITAI_ADMIN_NETWORKS")),
        #: an operator's console login lasts this long idle, and this long at most
        "ADMIN_IDLE_SECONDS": int(env("KEITAI_ADMIN_IDLE_SECONDS", "900")),
        "ADMIN_MAX_SECONDS": int(env("KEITAI_ADMIN_MAX_SECONDS", str(8 * 3600))),
    }


def _redis(env: Any) -> dict[str, Any]:
    """Read where sessions, rate-limit counters and hot caches go when not the database."""
    return {
        #: None: the database keeps sessions and counters, and nothing is cached
        "REDIS_URL": env("KEITAI_REDIS_URL") or None,
        "REDIS_PREFIX": env("KEITAI_REDIS_PREFIX", "keitai:"),
    }


def _jobs(env: Any) -> dict[str, Any]:
    """Read the settings of the job queue and its workers."""
    return {
        "JOB_POLL_SECONDS": float(env("KEITAI_JOB_POLL_SECONDS", "1")),
        "JOB_MAX_ATTEMPTS": int(env("KEITAI_JOB_MAX_ATTEMPTS", "8")),
        "JOB_BACKOFF_SECONDS": float(env("KEITAI_JOB_BACKOFF_SECONDS", "60")),
        "JOB_LEASE_SECONDS": float(env("KEITAI_JOB_LEASE_SECONDS", "300")),
        "JOB_KEEP_DAYS": float(env("KEITAI_JOB_KEEP_DAYS", "7")),
        #: how often a worker deletes expired sessions and rate-limit counters
        "MAINTENANCE_SECONDS": float(env("KEITAI_MAINTENANCE_SECONDS", "60")),
    }


def _membership(env: Any) -> dict[str, Any]:
    """Read the settings of sign-up, login, easy login and mail."""
    hour = 3600
    return {
        "BASE_URL": env("KEITAI_BASE_URL", "http://127.0.0.1:8000"),
        "SMTP_URL": env("KEITAI_SMTP_URL", "smtp://127.0.0.1:8025"),
        "SMTP_CA_FILE": env("KEITAI_SMTP_CA_FILE") or None,
        "MAIL_FROM": env("KEITAI_MAIL_FROM", "no-reply@localhost"),
        "MAILS_PER_ADDRESS_HOUR": int(env("KEITAI_MAILS_PER_ADDRESS_HOUR", "5")),
        "TERMINAL_ID_KEY": env("KEITAI_TERMINAL_ID_KEY") or None,
        "MINIMUM_AGE": int(env("KEITAI_MINIMUM_AGE", "18")),
        "INVITATION_SECONDS": int(env("KEITAI_INVITATION_SECONDS", str(7 * 24 * hour))),
        "MAIL_TOKEN_SECONDS": int(env("KEITAI_MAIL_TOKEN_SECONDS", str(24 * hour))),
        "PASSWORD_RESET_SECONDS": int(env("KEITAI_PASSWORD_RESET_SECONDS", str(hour))),
        "LOGIN_UNLOCK_SECONDS": int(env("KEITAI_LOGIN_UNLOCK_SECONDS", str(hour))),
        "LOGIN_WINDOW_SECONDS": int(env("KEITAI_LOGIN_WINDOW_SECONDS", "900")),
        "LOGIN_ACCOUNT_LIMIT": int(env("KEITAI_LOGIN_ACCOUNT_LIMIT", "5")),
        "LOGIN_ADDRESS_LIMIT": int(env("KEITAI_LOGIN_ADDRESS_LIMIT", "20")),
        "ARGON2_TIME_COST": int(env("KEITAI_ARGON2_TIME_COST", "3")),
        "ARGON2_MEMORY_KIB": int(env("KEITAI_ARGON2_MEMORY_KIB", "65536")),
    }
