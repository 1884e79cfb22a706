"""The demo's logins on the top page, and /demo: what to try."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from flask import current_app, render_template
from sqlalchemy import Row

from keitai.domain import NotFound
from keitai.features.demo import bp, queries
from keitai.seed.network import PASSWORD


def demo_mode() -> bool:
    """Return True when the site runs as `keitai demo` (never in production)."""
    return bool(current_app.config.get("DEMO"))


def demo_logins() -> Sequence[Row[int, str, str]]:
    """Return (id, email, nickname) of the demo's named members; none outside demo mode."""
    return queries.named_logins() if demo_mode() else []


@bp.app_context_processor
def demo_context() -> dict[str, Callable[..., Any] | str]:
    """Let templates ask for the demo's logins (queried only when a template calls it)."""
    return {"demo_logins": demo_logins, "demo_password": PASSWORD}


@bp.get("/demo")
def show() -> str:
    """List the demo's logins and password, and what a newcomer can try."""
    if not demo_mode():
        raise NotFound()
    logins = demo_logins()
    long_diary = queries.long_diary_of(logins[0].id) if logins else None
    return render_template("demo.html", logins=logins, long_diary=long_diary)
