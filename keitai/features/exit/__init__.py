"""/exit: the page between our site and another, so no session token leaves with the member."""
from __future__ import annotations

from urllib.parse import SplitResult, urlsplit

from flask import Blueprint, abort, g, render_template, request

from keitai.gateway import sessions

bp = Blueprint("exit", __name__)
#: the longest external address shown
URL_MAX = 2048


def host_names(parts: SplitResult) -> tuple[str, str | None]:
    """Return the host a browser really goes to, and its other IDN form when it has one.

    "http://ours@evil.example/" goes to evil.example: the part before "@" is a user name.
    """
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port is not None else ""
    try:
        ascii_form = host.encode("idna").decode("ascii")
        unicode_form = ascii_form.encode("ascii").decode("idna")
    except UnicodeError:
        return host + port, None
    if ascii_form == unicode_form:
        return ascii_form + port, None
    return unicode_form + port, ascii_form + port


@bp.get("/exit")
def leave() -> str:
    """Show where an external link goes and let the member follow it."""
    leaked = request.args.getlist(sessions.TOKEN_NAME)
    if leaked:  # we never put one here: it came from elsewhere, or will leave in the Referer
        sessions.end_leaked_sessions(leaked)
    url = request.args.get("url", "")
    try:
        parts = urlsplit(url)
        host, other_form = host_names(parts)
    except ValueError:  # a port that is no number, brackets that close nothing
        abort(404)
    if parts.scheme not in ("http", "https") or not host or len(url) > URL_MAX:
        abort(404)
    g.external_ok = url
    return render_template("exit.html", url=url, host=host, other_form=other_form,
                           user_part=parts.username is not None)
