"""Times as a handset user reads them: Japan time, short."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask import Blueprint

JST = timezone(timedelta(hours=9), "JST")


def jst_time(value: datetime | None, with_year: bool = False) -> str:
    """Return a UTC time as Japan time: '11/23 14:05' (or '2026/11/23 14:05')."""
    if value is None:
        return ""
    return value.astimezone(JST).strftime("%Y/%m/%d %H:%M" if with_year else "%m/%d %H:%M")


def register(bp: Blueprint) -> None:
    """Make `jst_time` a template filter of the app the blueprint joins."""
    bp.add_app_template_filter(jst_time, "jst_time")
