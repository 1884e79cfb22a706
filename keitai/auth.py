"""Who is logged in, how they logged in, and the checks pages ask for before serving them."""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar
from urllib.parse import quote, urlencode, urlsplit

from flask import current_app, g, redirect, request, url_for
from werkzeug.exceptions import Forbidden
from werkzeug.wrappers import Response

import carriers
from keitai.db import db
from keitai.gateway import sessions
from keitai.gateway.links import leads_off_site
from keitai.gateway.paging import query_without
from keitai.models.member import Member
from keitai.moderation.bans import record_terminals

P = ParamSpec("P")
R = TypeVar("R")

#: session key recording how the member logged in: "password" or "easy"
AUTH_METHOD = "auth"


class ForeignHost(Forbidden):
    """A request whose Host is not ours (a DNS-rebinding page reaching us under its name)."""

    description = ("このアドレスからは使えません。ブックマークではなく、"
                   "サイトのトップページから開き直してください。")


def current_member() -> Member | None:
    """Return the member logged in with this request's session, or None (also while an
    operator's suspension of the member holds)."""
    if "member" not in g:
        member_id = g.session.member_id
        g.member = db.session.get(Member, member_id) if member_id is not None else None
        if g.member is not None and g.member.suspended():  # a session that outlived it
            g.member = None
    member: Member | None = g.member
    return member


def logged_in_member() -> Member:
    """Return the logged-in member of a view that is member_required."""
    member = current_member()
    assert member is not None, "the view must be member_required"
    return member


def logged_in_with_password() -> bool:
    """Return True when this session's login was by password (not by easy login)."""
    return current_member() is not None and g.session.get(AUTH_METHOD) == "password"


def log_in(member: Member, method: str) -> None:
    """Make this session the member's: a new token (the old one dies), how they logged in.

    The login service has checked the member and noted the login; this is the web half.
    """
    sessions.rotate_session(member.id)
    g.session.set(AUTH_METHOD, method)
    g.member = member
    # the handset's gateway-vouched ids, so that banning the member can ban the handset
    record_terminals(member.id, g.handset)


def log_out() -> None:
    """End this session; its token is dead from now on."""
    sessions.end_session()
    g.member = None


#: the longest next= target followed or carried: a page that carries it must fit a 5 KB handset
NEXT_MAX = 512


def safe_next(target: str | None) -> str:
    """Return target when it is a page of this site that stays on it, else the top page.

    A redirect to our own site carries a cookie-less handset's session token, so a page that
    leads off the site (/exit) is refused like another site's address: its token would leave
    with the Referer of the off-site link.
    """
    if (not target or len(target) > NEXT_MAX or not target.startswith("/")
            or any(ord(char) <= 0x20 or char in "\\\x7f" for char in target)):
        return url_for("top.index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or leads_off_site(target, request.host):
        return url_for("top.index")
    return target


def kept_next(target: str | None) -> str:
    """Return the next= target a page may carry on in a form: a safe one, else none."""
    return target if target and safe_next(target) == target else ""


def member_required(view: Callable[P, R]) -> Callable[P, R | Response]:
    """Send visitors who are not logged in to the login page, and back here after it."""

    @functools.wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R | Response:
        if current_member() is None:
            query = query_without(request.query_string.decode("latin-1"))
            here = request.path + (f"?{query}" if query and request.method == "GET" else "")
            if len(quote(here, safe="")) > NEXT_MAX:  # as the login page would carry it
                here = request.path if len(quote(request.path, safe="")) <= NEXT_MAX else "/"
            return redirect(url_for("login.form") + "?" + urlencode({"next": here}))
        return view(*args, **kwargs)

    return wrapped


def client_address() -> str | None:
    """Return the client's address after trusted-proxy resolution (done once, by the gateway)."""
    if "client_address" not in g:
        g.client_address = carriers.client_address(
            request.remote_addr, request.headers.get("X-Forwarded-For"),
            current_app.config["TRUSTED_PROXIES"])
    address: str | None = g.client_address
    return address


def allowed_hosts() -> list[str]:
    """Return our host names: KEITAI_ALLOWED_HOSTS, else the host of KEITAI_BASE_URL."""
    configured = current_app.config.get("ALLOWED_HOSTS") or []
    if configured:
        return [host.lower() for host in configured]
    return [urlsplit(current_app.config["BASE_URL"]).netloc.lower()]


def _host_and_port(value: str) -> tuple[str, int | None]:
    parts = urlsplit("//" + value)
    return (parts.hostname or ""), parts.port


def require_own_host() -> None:
    """Refuse a request whose Host header names a site other than ours."""
    try:
        host, port = _host_and_port(request.host.lower())
    except ValueError:  # a port that is no number
        raise ForeignHost() from None
    for allowed in allowed_hosts():
        allowed_host, allowed_port = _host_and_port(allowed)
        if host == allowed_host and allowed_port in (None, port):
            return
    raise ForeignHost()
