"""Who may reach the console, and the operator's console login.

Every /admin URL answers 404 unless the client (after trusted-proxy resolution) is inside
KEITAI_ADMIN_NETWORKS and browses with a PC-class browser: the console does not reveal itself
to anyone else. The console login is kept in the web session as stamps (the operator's id,
when they logged in, when they were last seen), checked on every /admin request against
ADMIN_IDLE_SECONDS and ADMIN_MAX_SECONDS whatever the member session's own lifetime is; the
operator's rights are read from the database on every request, so a revoked operator is out
at once.
"""
from __future__ import annotations

import functools
import ipaddress
import time
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from flask import current_app, g, redirect, url_for
from werkzeug.wrappers import Response

from carriers.markup import markup_for
from keitai.auth import client_address
from keitai.db import db
from keitai.gateway import sessions
from keitai.models.member import Member

P = ParamSpec("P")
R = TypeVar("R")

#: session key of the console login: {"id": operator id, "at": login time, "seen": last seen}
STAMP = "admin"
#: session key of a login waiting for its second factor: {"id", "at", "totp"}
PENDING = "admin_pending"
#: how long a password stays good while its second factor is awaited
PENDING_SECONDS = 600
#: how stale the last-seen stamp may get before a request writes it again
TOUCH_SECONDS = 10


def clock() -> float:
    """Return the time the console login's stamps are made and checked with (tests set it)."""
    return time.time()


def in_admin_networks(address: str | None) -> bool:
    """Tell whether a client address is inside KEITAI_ADMIN_NETWORKS (none: nobody's is)."""
    if not address:
        return False
    try:
        client = ipaddress.ip_address(address)
    except ValueError:
        return False
    for network in current_app.config.get("ADMIN_NETWORKS") or []:
        try:
            if client in ipaddress.ip_network(network, strict=False):
                return True
        except ValueError:
            continue
    return False


def console_open() -> bool:
    """Tell whether this request may see the console at all (network and browser)."""
    return in_admin_networks(client_address()) and markup_for(g.handset).name == "html5"


def begin_pending(member: Member, totp: bool) -> None:
    """Remember a member whose password was right, until the second factor comes."""
    sessions.rotate_session(g.session.member_id)  # a new token once the password was right
    g.session.set(PENDING, {"id": member.id, "at": clock(), "totp": totp})


def pending() -> dict[str, Any] | None:
    """Return the login waiting for its second factor, or None (also when it is stale)."""
    found = g.session.get(PENDING)
    if not isinstance(found, dict) or clock() - float(found.get("at", 0)) > PENDING_SECONDS:
        return None
    return found


def start(member: Member) -> None:
    """Log the operator in to the console (the second factor was right)."""
    g.session.pop(PENDING)
    sessions.rotate_session(g.session.member_id)
    now = clock()
    g.session.set(STAMP, {"id": member.id, "at": now, "seen": now})
    g.operator = member


def end() -> None:
    """Log the operator out of the console (a member login in the same session stays)."""
    g.session.pop(STAMP)
    g.session.pop(PENDING)
    g.operator = None


def current_operator() -> Member | None:
    """Return the operator logged in to the console, or None; stale stamps are dropped."""
    if "operator" in g:
        found: Member | None = g.operator
        return found
    g.operator = None
    stamp = g.session.get(STAMP)
    if not isinstance(stamp, dict):
        return None
    config, now = current_app.config, clock()
    at, seen = float(stamp.get("at", 0)), float(stamp.get("seen", 0))
    member = db.session.get(Member, int(stamp.get("id", 0)))
    if (now - at > config["ADMIN_MAX_SECONDS"] or now - seen > config["ADMIN_IDLE_SECONDS"]
            or member is None or not member.is_admin or member.suspended()):
        g.session.pop(STAMP)
        return None
    if now - seen >= TOUCH_SECONDS:
        g.session.set(STAMP, {**stamp, "seen": now})
    g.operator = member
    return member


def the_operator() -> Member:
    """Return the operator of a view that is operator_required."""
    operator = current_operator()
    assert operator is not None, "the view must be operator_required"
    return operator


def operator_required(view: Callable[P, R]) -> Callable[P, R | Response]:
    """Send anyone not logged in to the console to its login page."""

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R | Response:
        if current_operator() is None:
            return redirect(url_for("admin.login_form"))
        return view(*args, **kwargs)

    return wrapped


#: session key of what the next console page tells the operator ("削除しました。")
NOTICE = "admin_notice"


def say(text: str) -> None:
    """Keep a line for the next console page to show."""
    g.session.set(NOTICE, text)


def take_notice() -> str | None:
    """Return and forget the line kept for this page, if any."""
    if g.session.get(NOTICE) is None:
        return None
    found = g.session.pop(NOTICE)
    return str(found) if found else None
